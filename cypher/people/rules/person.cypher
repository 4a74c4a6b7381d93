// people.person(p): person p as answers show them, with the solid and dotted managers $viewer may see (a
// do-not-contact manager is not named to anyone but admins).
p {.id, .name,
   organizationId: COLLECT { MATCH (p)-[:WORKS_AT]->(personEmployer:Organization) RETURN personEmployer.id }[0],
   .title, .email, .department, .seniority, doNotContact: coalesce(p.doNotContact, false),
   managerId: COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(solidManager:Person) WHERE charter.shown(solidManager)
                        RETURN solidManager.id }[0],
   dottedManagerIds: COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dottedManager:Person) WHERE charter.shown(dottedManager)
                               RETURN dottedManager.id ORDER BY dottedManager.id },
   createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)}
