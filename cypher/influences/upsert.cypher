// Draws the informal line "from's view weighs with to" with its strength. People may be in different organizations
// (an external advisor, say). The chart versions of both people's organizations move on (their derived facts change).
OPTIONAL MATCH (f:Person {id: $fromId})
OPTIONAL MATCH (t:Person {id: $toId})
WITH f, t,
     CASE WHEN f IS NULL THEN 'from-not-found' WHEN t IS NULL THEN 'to-not-found' ELSE 'ok' END AS outcome
OPTIONAL CALL (f, t, outcome) {
  WITH * WHERE outcome = 'ok'
  OPTIONAL MATCH (f)-[existing:INFLUENCES]->(t)
  WITH f, t, existing IS NULL AS created
  MERGE (f)-[line:INFLUENCES]->(t)
  SET line.strength = $strength, line.kind = $kind, line.updatedAt = datetime($now)
  WITH f, t, created
  CALL (f, t) {
    UNWIND [f, t] AS x
    MATCH (x)-[:WORKS_AT]->(employer:Organization)
    WITH DISTINCT employer
    SET employer.chartVersion = coalesce(employer.chartVersion, 0) + 1
  }
  RETURN created
}
RETURN outcome, coalesce(created, false) AS created
