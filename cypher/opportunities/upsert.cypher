// Creates or replaces an opportunity's allow-listed properties and its organization, which must not be our own.
// Moving it to another organization drops the buying-center members who no longer qualify (people of the new
// organization, and partners' people as influencers, stay); the pursuit team stays.
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
RETURN outcome, existing IS NULL AS created,
       CASE WHEN o IS NULL THEN null ELSE o {.id, .name, organizationId: org.id, .stage, .amount, .currency,
         closeDate: toString(o.closeDate),
         budget: CASE WHEN o.budgetStatus IS NULL THEN null ELSE {status: o.budgetStatus, note: o.budgetNote} END,
         authority: CASE WHEN o.authorityStatus IS NULL THEN null ELSE {status: o.authorityStatus, note: o.authorityNote} END,
         need: CASE WHEN o.needStatus IS NULL THEN null ELSE {status: o.needStatus, note: o.needNote} END,
         timing: CASE WHEN o.timingStatus IS NULL THEN null ELSE {status: o.timingStatus, note: o.timingNote} END,
         buyingCenter: COLLECT {
           MATCH (member:Person)-[m:IN_BUYING_CENTER]->(o)
           MATCH (member)-[:WORKS_AT]->(employer:Organization)
           WITH member, m, employer ORDER BY member.name, member.id
           RETURN {personId: member.id, name: member.name, organizationId: employer.id, roles: m.roles,
                   attitude: m.attitude, influence: m.influence, coach: m.coach, favorsCompetitorId: m.favorsCompetitorId}
         },
         team: COLLECT {
           MATCH (teammate:Person)-[t:ON_TEAM]->(o)
           WITH teammate, t ORDER BY teammate.name, teammate.id
           RETURN {personId: teammate.id, name: teammate.name, role: t.role}
         },
         createdAt: toString(o.createdAt), updatedAt: toString(o.updatedAt)} END AS opportunity
