// Replace mode: erases one batch of the organization's people who are not in the chart, as a person erasure does.
UNWIND $ids AS id
MATCH (p:Person {id: id})-[:WORKS_AT]->(:Organization {id: $organizationId})
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(i:Interaction)
WITH p, collect(i) AS interactions
DETACH DELETE p
WITH interactions
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE NOT EXISTS { (:Person)-[:PARTICIPATED_IN]->(i) }
  DETACH DELETE i
}
RETURN count(*) AS removed
