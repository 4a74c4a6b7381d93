// What an account's derived facts (Domain/Pursuit/AccountFacts) are computed from: the organization's chart version
// (read first, so facts marked with it are never newer than the lines they saw), the generation of the facts saved so
// far (a save checks it: the division heads stored on people below were read at that generation) and each person
// working there as [id, solid manager's id, whether they may be reached (charter.reachable), seniority, dotted
// managers' ids, [[id of a colleague they influence, strength], ...], department as coverage groups it (trimmed; null
// when blank), the division head stored on them by the last save (divisionHeadId)]. Lists rather than maps keep a
// 300,000-person answer small.
MATCH (org:Organization {id: $organizationId})
WITH org, coalesce(org.chartVersion, 0) AS chartVersion
OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
WITH org, chartVersion, coalesce(facts.generation, 0) AS generation
CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  RETURN collect([p.id,
                  COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(solid:Person) RETURN solid.id }[0],
                  charter.reachable(p),
                  p.seniority,
                  COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person) RETURN dotted.id },
                  COLLECT { MATCH (p)-[line:INFLUENCES]->(influenced:Person)-[:WORKS_AT]->(org)
                            RETURN [influenced.id, line.strength] },
                  CASE WHEN trim(coalesce(p.department, '')) = '' THEN null ELSE trim(p.department) END,
                  p.divisionHeadId]) AS people
}
RETURN chartVersion, generation, org.kind AS kind, people
