// Puts one of our people (organization kind own) on an opportunity's pursuit team, or changes their role there. A
// person $viewer may not see is not found.
OPTIONAL MATCH (o:Opportunity {id: $opportunityId})
OPTIONAL MATCH (p:Person {id: $personId})-[:WORKS_AT]->(employer:Organization)
WHERE charter.shown(p)
WITH o, p,
     CASE
       WHEN o IS NULL THEN 'opportunity-not-found'
       WHEN p IS NULL THEN 'person-not-found'
       WHEN employer.kind <> 'own' THEN 'person-not-ours'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (o, p, outcome) {
  WITH * WHERE outcome = 'ok'
  OPTIONAL MATCH (p)-[existing:ON_TEAM]->(o)
  WITH o, p, existing IS NULL AS created
  MERGE (p)-[t:ON_TEAM]->(o)
  SET t.role = $role
  RETURN created, t
}
RETURN outcome, coalesce(created, false) AS created,
       CASE WHEN t IS NULL THEN null ELSE {personId: p.id, name: p.name, role: t.role} END AS member
