// A do-not-contact person exists only for viewers who see them (admins).
MATCH (p:Person {id: $id})-[:WORKS_AT]->(org:Organization)
WHERE $seesDoNotContact OR NOT coalesce(p.doNotContact, false)
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(manager:Person)
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person)
WITH p, org, manager, collect(dotted.id) AS dottedManagerIds
RETURN p {.id, .name, organizationId: org.id, .title, .email, .department, .seniority,
         doNotContact: coalesce(p.doNotContact, false), managerId: manager.id, dottedManagerIds: dottedManagerIds,
         createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} AS person
