// How our side reaches the people of one organization, with what the coverage answer counts them by: department,
// seniority and how our side reaches them directly, as $viewer may see it (accounts.reaches); and apart, the division
// each person belongs to (the nearest person of seniority vp at or above them along solid lines). Only people who may
// be reached are counted or named (charter.reachable): a do-not-contact person is in no count, for anyone, nor heads a
// division.
MATCH (org:Organization {id: $organizationId})
CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  WHERE charter.reachable(p)
  WITH p ORDER BY p.name, p.id
  RETURN collect({person: {id: p.id, name: p.name, title: p.title}, department: p.department, seniority: p.seniority,
                  reaches: accounts.reaches(p)}) AS people
}
// Divisions top-down: from each VP who may be reached, down the solid lines until the next such VP, who heads their
// own. Every person is walked once, from their own head, instead of a walk up to the top from every person.
CALL (org) {
  MATCH (head:Person)-[:WORKS_AT]->(org)
  WHERE head.seniority = 'vp' AND charter.reachable(head)
  MATCH chain = (head) (()<-[:REPORTS_TO {kind: 'solid'}]-(below:Person)
                         WHERE NOT (below.seniority = 'vp' AND charter.reachable(below))){0,50} (p:Person)
  WITH p, head, length(chain) AS steps
  ORDER BY steps, head.id
  WITH p, collect(head.id)[0] AS headId
  RETURN collect({personId: p.id, headId: headId}) AS divisions
}
RETURN org.id AS organizationId, org.name AS organizationName, org.kind AS kind, people, divisions
