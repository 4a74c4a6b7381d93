// One page of an organization's people by name; null when the organization does not exist. Do-not-contact people
// only for viewers who see them (admins).
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  WHERE $seesDoNotContact OR NOT coalesce(p.doNotContact, false)
  WITH p ORDER BY p.name, p.id
  WITH collect(p) AS matched
  RETURN size(matched) AS total, matched[$skip..$skip + $limit] AS pageOfPeople
}
UNWIND (CASE WHEN org IS NULL OR size(pageOfPeople) = 0 THEN [null] ELSE pageOfPeople END) AS p
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(manager:Person)
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person)
WITH org, total, p, manager, collect(dotted.id) AS dottedManagerIds
WITH org, total, collect(CASE WHEN p IS NULL THEN null ELSE p {.id, .name, organizationId: org.id, .title, .email, .department, .seniority,
         doNotContact: coalesce(p.doNotContact, false), managerId: manager.id, dottedManagerIds: dottedManagerIds,
         createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} END) AS items
RETURN org IS NOT NULL AS organizationExists, coalesce(total, 0) AS total, items
