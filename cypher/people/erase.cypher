// Erases a person completely: the node with every line, relationship, buying-center and team membership and
// interaction participation. Interactions left with no participants go too.
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(i:Interaction)
WITH p, p IS NOT NULL AS found, collect(i) AS interactions
DETACH DELETE p
WITH found, interactions
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE NOT EXISTS { (:Person)-[:PARTICIPATED_IN]->(i) }
  DETACH DELETE i
}
RETURN found
