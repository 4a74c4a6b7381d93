// Deletes an organization that nothing depends on any more; otherwise reports what still depends on it.
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (p:Person)-[:WORKS_AT]->(o)
WITH o, count(p) AS people
OPTIONAL MATCH (opp:Opportunity)-[:AT]->(o)
WITH o, people, count(opp) AS opportunities
CALL (o, people, opportunities) {
  WITH o WHERE people = 0 AND opportunities = 0
  DETACH DELETE o
}
RETURN people, opportunities, people = 0 AND opportunities = 0 AS deleted
