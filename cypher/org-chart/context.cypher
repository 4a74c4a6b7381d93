// What an org-chart import needs to know first: the organization, its current people with their solid managers,
// and which of the chart's ids belong to people of other organizations (a move here, refused between our side and
// theirs while they have relationships).
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(m:Person)
  RETURN collect({id: p.id, managerId: m.id}) AS members
}
OPTIONAL CALL (org) {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})-[:WORKS_AT]->(other:Organization)
  WHERE other.id <> $organizationId
  RETURN collect({id: p.id, organizationId: other.id,
                  sideChangeBlocked: (other.kind = 'own') <> (org.kind = 'own') AND EXISTS { (p)-[:KNOWS]-(:Person) }}) AS elsewhere
}
RETURN org IS NOT NULL AS found, org.kind AS kind, coalesce(members, []) AS members, coalesce(elsewhere, []) AS elsewhere
