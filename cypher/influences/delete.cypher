// Removes an influence line; the chart versions of both people's organizations move on (their derived facts change).
OPTIONAL MATCH (f:Person {id: $fromId})-[line:INFLUENCES]->(t:Person {id: $toId})
WITH f, t, line, line IS NOT NULL AS found
DELETE line
WITH f, t, found
CALL (f, t, found) {
  WITH * WHERE found
  UNWIND [f, t] AS x
  MATCH (x)-[:WORKS_AT]->(employer:Organization)
  WITH DISTINCT employer
  SET employer.chartVersion = coalesce(employer.chartVersion, 0) + 1
}
RETURN found
