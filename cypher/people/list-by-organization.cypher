// One page of an organization's people by name, those $viewer may see (listed and counted); organizationExists is
// false when the organization does not exist.
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  WHERE charter.shown(p)
  WITH p ORDER BY p.name, p.id
  WITH collect(p) AS matched
  RETURN size(matched) AS total, [p IN matched[$skip..$skip + $limit] | people.person(p)] AS items
}
RETURN org IS NOT NULL AS organizationExists, coalesce(total, 0) AS total, coalesce(items, []) AS items
