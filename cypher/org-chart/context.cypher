// What an org-chart import needs to know first: the organization and how many people work there now, the current
// people the plan must know with their solid managers, which of the chart's ids belong to people of other
// organizations (a move here, refused between our side and theirs while they have relationships), and what
// samePersonAs names.
// The people: every current one for a replace ($everyone: it makes the others leave). A merge reads only what its own
// records touch, so a call costs its own size, not the account's: the people it names ($named: the records' ids, their
// managers and dotted managers) who work here, and the solid managers above them here (a record's new manager closes
// a cycle only through them).
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  CALL (org) {
    MATCH (p:Person)-[:WORKS_AT]->(org)
    WHERE $everyone
    RETURN p
    UNION
    UNWIND $named AS id
    MATCH (p:Person {id: id})
    WITH org, p WHERE NOT $everyone AND EXISTS { (p)-[:WORKS_AT]->(org) }
    RETURN p
    UNION
    // Above them: each of their managers once, then each chain once.
    UNWIND $named AS id
    MATCH (:Person {id: id})-[:REPORTS_TO {kind: 'solid'}]->(manager:Person)
    WITH DISTINCT org, manager WHERE NOT $everyone
    MATCH (manager)-[:REPORTS_TO*0.. {kind: 'solid'}]->(p:Person)
    WITH DISTINCT org, p
    WHERE EXISTS { (p)-[:WORKS_AT]->(org) }
    RETURN p
  }
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
RETURN org IS NOT NULL AS found, org.kind AS kind, COUNT { (org)<-[:WORKS_AT]-() } AS people,
       coalesce(members, []) AS members, coalesce(elsewhere, []) AS elsewhere, coalesce(samePeople, []) AS samePeople
