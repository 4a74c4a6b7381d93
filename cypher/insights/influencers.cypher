// Whom to reach in an organization when no buying center is known: each person's standing in the formal hierarchy
// (level below the top of the solid chain, size of the solid reporting tree below them) and the informal influence
// they receive (the strengths of lines into them, plus second-hand: strength × strength of lines into those), each
// scaled to [0, 1] within the organization and weighted. Only people who may be reached (charter.reachable) are
// suggested or counted: a do-not-contact person is neither ranked nor counted below anyone, nor carries influence.
MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  MATCH (p:Person)-[:WORKS_AT]->(org)
  WHERE charter.reachable(p)
  CALL (p) {
    MATCH chain = (p)-[:REPORTS_TO {kind: 'solid'}]->{0,50}(top:Person)
    WHERE NOT EXISTS { (top)-[:REPORTS_TO {kind: 'solid'}]->() }
    RETURN length(chain) AS level
    LIMIT 1
  }
  WITH p, level,
       COUNT { MATCH (below:Person)-[:REPORTS_TO {kind: 'solid'}]->{1,50}(p) WHERE charter.reachable(below) } AS reportsBelow,
       coalesce(COLLECT { MATCH (source:Person)-[direct:INFLUENCES]->(p) WHERE charter.reachable(source)
                          RETURN sum(direct.strength) }[0], 0.0) AS direct,
       coalesce(COLLECT { MATCH (q:Person)-[far:INFLUENCES]->(between:Person)-[near:INFLUENCES]->(p)
                          WHERE q <> p AND charter.reachable(q) AND charter.reachable(between)
                          RETURN sum(far.strength * near.strength) }[0], 0.0) AS secondHand
  RETURN collect({person: p {.id, .name, .title}, level: level, reportsBelow: reportsBelow, direct: direct,
                  secondHand: secondHand}) AS people
}
WITH org, coalesce(people, []) AS people
WITH org, people,
     reduce(m = 0, x IN people | CASE WHEN x.level > m THEN x.level ELSE m END) AS deepest,
     reduce(m = 0, x IN people | CASE WHEN x.reportsBelow > m THEN x.reportsBelow ELSE m END) AS widest,
     reduce(m = 0.0, x IN people | CASE WHEN x.direct + x.secondHand > m THEN x.direct + x.secondHand ELSE m END) AS mostInformal
UNWIND (CASE WHEN size(people) = 0 THEN [null] ELSE people END) AS x
WITH org, x,
     CASE WHEN x IS NULL THEN 0.0 ELSE 1.0 - toFloat(x.level) / (deepest + 1) END AS levelScore,
     CASE WHEN x IS NULL OR widest = 0 THEN 0.0 ELSE log(1 + x.reportsBelow) / log(1 + widest) END AS spanScore,
     CASE WHEN x IS NULL OR mostInformal = 0 THEN 0.0 ELSE (x.direct + x.secondHand) / mostInformal END AS informalScore
WITH org, x, levelScore, spanScore, informalScore,
     $weights.level * levelScore + $weights.span * spanScore + $weights.informal * informalScore AS influence
ORDER BY influence DESC, x.person.name, x.person.id
WITH org, collect(CASE WHEN x IS NULL THEN null ELSE
       {person: x.person, influence: influence,
        factors: {level: x.level, levelScore: levelScore, reportsBelow: x.reportsBelow, spanScore: spanScore,
                  directInfluenceReceived: x.direct, secondHandInfluenceReceived: x.secondHand, informalScore: informalScore,
                  levelWeight: $weights.level, spanWeight: $weights.span, informalWeight: $weights.informal}} END)[0..$top] AS ranked
RETURN org.id AS organizationId, org.kind AS kind, ranked
