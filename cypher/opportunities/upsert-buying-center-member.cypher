// Puts a person into an opportunity's buying center, or replaces their roles and attitude there.
// Members work at the opportunity's organization; a partner's person may join as an external influencer.
// A favored competitor must be an organization of kind competitor. A person $viewer may not see is not found.
OPTIONAL MATCH (o:Opportunity {id: $opportunityId})-[:AT]->(account:Organization)
OPTIONAL MATCH (p:Person {id: $personId})-[:WORKS_AT]->(employer:Organization)
WHERE charter.shown(p)
OPTIONAL MATCH (rival:Organization {id: $favorsCompetitorId})
WITH o, p, employer,
     CASE
       WHEN o IS NULL THEN 'opportunity-not-found'
       WHEN p IS NULL THEN 'person-not-found'
       WHEN employer <> account AND NOT (employer.kind = 'partner' AND 'influencer' IN $roles) THEN 'person-not-at-organization'
       WHEN $favorsCompetitorId IS NOT NULL AND rival IS NULL THEN 'competitor-not-found'
       WHEN rival IS NOT NULL AND rival.kind <> 'competitor' THEN 'not-a-competitor'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (o, p, outcome) {
  WITH * WHERE outcome = 'ok'
  OPTIONAL MATCH (p)-[existing:IN_BUYING_CENTER]->(o)
  WITH o, p, existing IS NULL AS created
  MERGE (p)-[m:IN_BUYING_CENTER]->(o)
  SET m.roles = $roles,
      m.attitude = $attitude,
      m.influence = $influence,
      m.coach = $coach,
      m.favorsCompetitorId = $favorsCompetitorId
  RETURN created, m
}
RETURN outcome, coalesce(created, false) AS created, CASE WHEN m IS NULL THEN null ELSE opportunities.member(p, m) END AS member
