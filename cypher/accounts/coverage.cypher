// How our side reaches the people of one organization, with what the coverage answer counts them by: department,
// seniority, the division they belong to (the nearest person of seniority vp at or above them along solid lines) and
// how our side reaches them directly, as $viewer may see it (accounts.reaches). Only people who may be reached are
// counted or named (charter.reachable): a do-not-contact person is in no count, for anyone, nor heads a division.
MATCH (org:Organization {id: $organizationId})
CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  WHERE charter.reachable(p)
  WITH p ORDER BY p.name, p.id
  RETURN collect({person: {id: p.id, name: p.name, title: p.title}, department: p.department, seniority: p.seniority,
                  divisionHeadId: COLLECT { MATCH chain = (p)-[:REPORTS_TO {kind: 'solid'}]->{0,50}(head:Person)
                                            WHERE head.seniority = 'vp' AND charter.reachable(head)
                                            RETURN head.id ORDER BY length(chain) LIMIT 1 }[0],
                  reaches: accounts.reaches(p)}) AS people
}
RETURN org.id AS organizationId, org.name AS organizationName, org.kind AS kind, people
