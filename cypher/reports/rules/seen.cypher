// reports.seen(keys): those of the relationship keys (ourPersonId|theirPersonId) that the report's audience ($viewer)
// may see in detail now.
[key IN keys WHERE EXISTS {
  MATCH (:Person {id: split(key, '|')[0]})-[k:KNOWS]->(:Person {id: split(key, '|')[1]})
  WHERE charter.seesRelationship(k)
}]
