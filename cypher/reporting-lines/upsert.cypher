// Draws (person)-[:REPORTS_TO {kind}]->(manager) inside one organization. A person has at most one solid manager:
// a new solid line replaces the old one. A solid line that would close a cycle of solid lines is refused. The
// organization's chart version moves on (its derived facts change).
OPTIONAL MATCH (p:Person {id: $personId})-[:WORKS_AT]->(po:Organization)
OPTIONAL MATCH (m:Person {id: $managerId})-[:WORKS_AT]->(mo:Organization)
WITH p, m, po,
     CASE
       WHEN p IS NULL THEN 'person-not-found'
       WHEN m IS NULL THEN 'manager-not-found'
       WHEN po <> mo THEN 'different-organizations'
       WHEN $kind = 'solid' AND EXISTS { (m) (()-[:REPORTS_TO {kind: 'solid'}]->()){1,64} (p) } THEN 'cycle'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (p, m, po, outcome) {
  WITH * WHERE outcome = 'ok'
  SET po.chartVersion = coalesce(po.chartVersion, 0) + 1
  WITH p, m
  OPTIONAL MATCH (p)-[existing:REPORTS_TO]->(m)
  WITH p, m, existing IS NULL AS created
  CALL (p, m) {
    WITH * WHERE $kind = 'solid'
    MATCH (p)-[old:REPORTS_TO {kind: 'solid'}]->(other:Person) WHERE other <> m
    DELETE old
  }
  MERGE (p)-[line:REPORTS_TO]->(m)
  SET line.kind = $kind, line.since = coalesce(line.since, datetime($now))
  RETURN created
}
RETURN outcome, coalesce(created, false) AS created
