// What an org-chart import needs to know first: the organization, its current people with their solid managers,
// and which of the chart's ids belong to people of other organizations (a move here, refused between our side and
// theirs while they have relationships), and what samePersonAs names.
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
// samePersonAs: whether the person named exists, has left (works nowhere now) and on which side they last worked, and
// whether the record's new id is taken; the same checks PUT /api/people/{id} makes.
OPTIONAL CALL () {
  UNWIND $samePeople AS same
  OPTIONAL MATCH (p:Person {id: same.samePersonAs})
  RETURN collect({id: same.id, samePersonAs: same.samePersonAs, found: p IS NOT NULL,
                  left: p.leftAt IS NOT NULL AND NOT EXISTS { (p)-[:WORKS_AT]->(:Organization) },
                  formerOwn: COLLECT { MATCH (p)-[former:WORKED_AT]->(formerEmployer:Organization)
                                       RETURN formerEmployer.kind = 'own' ORDER BY former.until DESC LIMIT 1 }[0],
                  idTaken: EXISTS { (:Person {id: same.id}) }}) AS samePeople
}
RETURN org IS NOT NULL AS found, org.kind AS kind, coalesce(members, []) AS members, coalesce(elsewhere, []) AS elsewhere,
       coalesce(samePeople, []) AS samePeople
