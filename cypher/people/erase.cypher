// Erases a person completely: the node with every line, relationship, buying-center and team membership and
// interaction participation. Interactions left with no participants go too. Relationships the person owned (between
// others) pass to their own person. Returns the name and email so that copies elsewhere can be scrubbed
// (people/scrub-copies, same transaction).
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(i:Interaction)
WITH p, p IS NOT NULL AS found, p.name AS name, p.email AS email, collect(i) AS interactions
DETACH DELETE p
WITH found, name, email, interactions
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE NOT EXISTS { (:Person)-[:PARTICIPATED_IN]->(i) }
  DETACH DELETE i
}
CALL (found) {
  WITH * WHERE found
  MATCH (ours:Person)-[k:KNOWS]->(:Person)
  WHERE k.ownerId = $id
  SET k.ownerId = ours.id
}
RETURN found, name, email
