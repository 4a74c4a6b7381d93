// Creates or replaces an opportunity's allow-listed properties and its organization, which must not be our own.
// Moving it to another organization drops the buying-center members who no longer qualify (people of the new
// organization, and partners' people as influencers, stay); the pursuit team stays. The answer shows the buying center
// and team as $viewer may see them.
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (existing:Opportunity {id: $id})
WITH org, existing,
     CASE
       WHEN org IS NULL THEN 'organization-not-found'
       WHEN org.kind = 'own' THEN 'own-organization'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (org, outcome) {
  WITH * WHERE outcome = 'ok'
  MERGE (o:Opportunity {id: $id})
  SET o.name = $name,
      o.stage = $stage,
      o.amount = toFloat($amount),
      o.currency = $currency,
      o.closeDate = date($closeDate),
      o.budgetStatus = $budget.status,
      o.budgetNote = $budget.note,
      o.authorityStatus = $authority.status,
      o.authorityNote = $authority.note,
      o.needStatus = $need.status,
      o.needNote = $need.note,
      o.timingStatus = $timing.status,
      o.timingNote = $timing.note,
      o.createdAt = coalesce(o.createdAt, datetime($now)),
      o.updatedAt = datetime($now)
  WITH o, org
  CALL (o, org) {
    MATCH (o)-[old:AT]->(previous:Organization) WHERE previous <> org
    DELETE old
  }
  CALL (o, org) {
    MATCH (member:Person)-[m:IN_BUYING_CENTER]->(o)
    MATCH (member)-[:WORKS_AT]->(employer:Organization)
    WHERE employer <> org AND NOT (employer.kind = 'partner' AND 'influencer' IN m.roles)
    DELETE m
  }
  MERGE (o)-[:AT]->(org)
  RETURN o
}
RETURN outcome, existing IS NULL AS created, CASE WHEN o IS NULL THEN null ELSE opportunities.opportunity(o) END AS opportunity
