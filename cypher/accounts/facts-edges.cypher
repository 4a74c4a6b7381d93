// What an account's derived facts (Domain/Pursuit/AccountFacts) are computed from: the organization's chart version
// (read first, so facts marked with it are never newer than the lines they saw) and each person working there as
// [id, solid manager's id, whether they may be reached (charter.reachable), seniority, dotted managers' ids,
// [[id of a colleague they influence, strength], ...]]. Lists rather than maps keep a 300,000-person answer small.
MATCH (org:Organization {id: $organizationId})
WITH org, coalesce(org.chartVersion, 0) AS chartVersion
CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  RETURN collect([p.id,
                  COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(solid:Person) RETURN solid.id }[0],
                  charter.reachable(p),
                  p.seniority,
                  COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person) RETURN dotted.id },
                  COLLECT { MATCH (p)-[line:INFLUENCES]->(influenced:Person)-[:WORKS_AT]->(org)
                            RETURN [influenced.id, line.strength] }]) AS people
}
RETURN chartVersion, org.kind AS kind, people
