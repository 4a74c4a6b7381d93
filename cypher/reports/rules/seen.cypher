// reports.seen(candidates): those of the relationship keys (ourPersonId|theirPersonId) in candidates that the report's
// audience ($viewer) may see in detail now.
[seenKey IN candidates WHERE EXISTS {
  MATCH (:Person {id: split(seenKey, '|')[0]})-[k:KNOWS]->(:Person {id: split(seenKey, '|')[1]})
  WHERE charter.seesRelationship(k)
}]
