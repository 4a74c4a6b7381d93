// What an account's derived facts (Domain/Pursuit/AccountFacts) are computed from: the organization's chart version
// (read first, so facts marked with it are never newer than the lines they saw), the generation of the facts saved so
// far (a save checks it: the division heads stored on people below were read at that generation) and one row per
// person working there, as [id, solid manager's id, whether they may be reached (charter.reachable), seniority, dotted
// managers' ids, [[id of a colleague they influence, strength], ...], department as coverage groups it
// (people.department), the division head stored on them by the last save (divisionHeadId)] (person is null on the one row of
// an account without people). A row per person rather than one collected list: the API reads the rows as they arrive
// (IGraph.ReadEachAsync) and never holds a 300,000-person answer whole; lists rather than maps keep each row small.
MATCH (org:Organization {id: $organizationId})
WITH org, coalesce(org.chartVersion, 0) AS chartVersion
OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
WITH org, chartVersion, coalesce(facts.generation, 0) AS generation
OPTIONAL CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  RETURN [p.id,
          COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(solid:Person) RETURN solid.id }[0],
          charter.reachable(p),
          p.seniority,
          COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person) RETURN dotted.id },
          COLLECT { MATCH (p)-[line:INFLUENCES]->(influenced:Person)-[:WORKS_AT]->(org)
                    RETURN [influenced.id, line.strength] },
          people.department(p),
          p.divisionHeadId] AS person
}
RETURN chartVersion, generation, org.kind AS kind, person
