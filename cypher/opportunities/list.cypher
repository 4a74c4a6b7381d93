// One page of opportunities by name, optionally at one organization and in one stage, each with its buying center
// and team. organizationExists is false when a filter names an unknown organization.
OPTIONAL MATCH (filter:Organization {id: $organizationId})
CALL () {
  MATCH (o:Opportunity)-[:AT]->(org:Organization)
  WHERE ($organizationId IS NULL OR org.id = $organizationId) AND ($stage IS NULL OR o.stage = $stage)
  WITH o ORDER BY o.name, o.id
  RETURN collect(o) AS matched
}
CALL (matched) {
  UNWIND matched[$skip..$skip + $limit] AS o
  MATCH (o)-[:AT]->(org:Organization)
  RETURN collect(o {.id, .name, organizationId: org.id, .stage, .amount, .currency,
         closeDate: toString(o.closeDate),
         budget: CASE WHEN o.budgetStatus IS NULL THEN null ELSE {status: o.budgetStatus, note: o.budgetNote} END,
         authority: CASE WHEN o.authorityStatus IS NULL THEN null ELSE {status: o.authorityStatus, note: o.authorityNote} END,
         need: CASE WHEN o.needStatus IS NULL THEN null ELSE {status: o.needStatus, note: o.needNote} END,
         timing: CASE WHEN o.timingStatus IS NULL THEN null ELSE {status: o.timingStatus, note: o.timingNote} END,
         buyingCenter: COLLECT {
           MATCH (member:Person)-[m:IN_BUYING_CENTER]->(o)
           MATCH (member)-[:WORKS_AT]->(employer:Organization)
           WHERE $seesDoNotContact OR NOT coalesce(member.doNotContact, false)
           WITH member, m, employer ORDER BY member.name, member.id
           RETURN {personId: member.id, name: member.name, organizationId: employer.id, roles: m.roles,
                   attitude: m.attitude, influence: m.influence, coach: m.coach, favorsCompetitorId: m.favorsCompetitorId}
         },
         team: COLLECT {
           MATCH (teammate:Person)-[t:ON_TEAM]->(o)
           WITH teammate, t ORDER BY teammate.name, teammate.id
           RETURN {personId: teammate.id, name: teammate.name, role: t.role}
         },
         createdAt: toString(o.createdAt), updatedAt: toString(o.updatedAt)}) AS items
}
RETURN $organizationId IS NULL OR filter IS NOT NULL AS organizationExists, size(matched) AS total, items
