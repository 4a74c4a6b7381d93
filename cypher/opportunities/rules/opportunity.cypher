// opportunities.opportunity(o): opportunity o as answers show it, with its buying center and pursuit team by name —
// the members and team-mates $viewer may see (do-not-contact people to admins only).
o {.id, .name,
   organizationId: COLLECT { MATCH (o)-[:AT]->(opportunityAccount:Organization) RETURN opportunityAccount.id }[0],
   .stage, .amount, .currency, closeDate: toString(o.closeDate),
   budget: CASE WHEN o.budgetStatus IS NULL THEN null ELSE {status: o.budgetStatus, note: o.budgetNote} END,
   authority: CASE WHEN o.authorityStatus IS NULL THEN null ELSE {status: o.authorityStatus, note: o.authorityNote} END,
   need: CASE WHEN o.needStatus IS NULL THEN null ELSE {status: o.needStatus, note: o.needNote} END,
   timing: CASE WHEN o.timingStatus IS NULL THEN null ELSE {status: o.timingStatus, note: o.timingNote} END,
   buyingCenter: COLLECT {
     MATCH (buyingCenterMember:Person)-[buyingCenterRole:IN_BUYING_CENTER]->(o)
     WHERE charter.shown(buyingCenterMember)
     WITH buyingCenterMember, buyingCenterRole ORDER BY buyingCenterMember.name, buyingCenterMember.id
     RETURN opportunities.member(buyingCenterMember, buyingCenterRole)
   },
   team: COLLECT {
     MATCH (teammate:Person)-[teamRole:ON_TEAM]->(o)
     WHERE charter.shown(teammate)
     WITH teammate, teamRole ORDER BY teammate.name, teammate.id
     RETURN {personId: teammate.id, name: teammate.name, role: teamRole.role}
   },
   createdAt: toString(o.createdAt), updatedAt: toString(o.updatedAt)}
