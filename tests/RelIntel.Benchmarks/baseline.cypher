// The naive baseline of issue #4, for one buying-center target: every shortest path (unweighted, at most 4 hops,
// any direction) from any of our people to the target over reporting lines, influence, rapport and relationships,
// never across antipathy or rivalry. Nothing is scored here: the client ranks the paths afterwards by the product of
// edge trusts. This is deliberately what one would write first, for the ratio against the recommendations endpoint.
MATCH (target:Person {id: $targetId})
MATCH (ours:Person)-[:WORKS_AT]->(:Organization {kind: 'own'})
MATCH path = allShortestPaths((ours)-[:KNOWS|REPORTS_TO|INFLUENCES|RAPPORT*..4]-(target))
WHERE all(r IN relationships(path) WHERE type(r) <> 'RAPPORT' OR r.sentiment = 'sympathy')
RETURN [n IN nodes(path) | n.id] AS ids,
       [n IN nodes(path) | EXISTS { (n)-[:WORKS_AT]->(:Organization {kind: 'own'}) }] AS ours,
       [r IN relationships(path) | {type: type(r), kind: r.kind, strength: r.strength, declared: r.declaredStrength,
                                    learned: r.learnedStrength, sentiment: r.sentiment}] AS edges
