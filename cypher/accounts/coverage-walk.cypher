// How well our side covers one organization, counted by walking its whole chart on every call: the reference
// cypher/accounts/coverage.cypher answers the same as from the account's derived facts, used when those cannot be
// brought up to date or Accounts:CoverageFromFacts is false. As $viewer may see it, summarized in the statement so
// that an answer reads one row per group (department or division) however many people work there. Each reachable person
// (charter.reachable: a do-not-contact person is in no count, for anyone, nor heads a division) is counted in their
// department and in their division: the nearest reachable person of seniority vp at or above them along solid lines,
// walked top-down from each such VP until the next one (every person is walked once, from their own head). How our
// side reaches them directly is accounts.reaches (per viewer and per moment: visibility, strength decay, staleness);
// their best way in is the highest score, then a relationship before an introduction, a fresh one before a stale
// one, then our person's id. Per group: headcounts by seniority (all and reached), the best way in, our people
// (distinct, by id), the people whose best way in is a stale relationship (by name, id) and the senior people none of
// ours reaches directly (all of them: a warm-path check decides which of them are gaps). Each group's lists of our
// people and stale coverage come back cut: [$summarySkip, $summarySkip + $summaryTake) for the whole account's answer
// (departments, and the divisions on the page [$divisionSkip, $divisionSkip + $divisionTake) in head name, id order),
// or, drilling into one group ($department or $divisionId), that group's [$listSkip, $listSkip + $listTake) alone.
// @long-running: an account-wide walk of the whole chart (see cypher/accounts/coverage.cypher).
MATCH (org:Organization {id: $organizationId})
CALL (org) {
  CALL (org) {
    MATCH (p:Person)-[:WORKS_AT]->(org)
    WHERE org.kind <> 'own' AND charter.reachable(p)
    RETURN p, null AS head, 0 AS steps
    UNION ALL
    MATCH (head:Person)-[:WORKS_AT]->(org)
    WHERE org.kind <> 'own' AND head.seniority = 'vp' AND charter.reachable(head)
    MATCH chain = (head) (()<-[:REPORTS_TO {kind: 'solid'}]-(below:Person)
                           WHERE NOT (below.seniority = 'vp' AND charter.reachable(below))){0,50} (p:Person)
    WHERE charter.reachable(p) AND (p)-[:WORKS_AT]->(org)
    RETURN p, head, length(chain) AS steps
  }
  WITH p, collect(CASE WHEN head IS NOT NULL THEN {steps: steps, id: head.id, name: head.name, title: head.title} END) AS heads
  WITH p, reduce(best = null, h IN heads |
         CASE WHEN best IS NULL OR h.steps < best.steps OR (h.steps = best.steps AND h.id < best.id) THEN h ELSE best END) AS head
  // As in coverage.cypher: each person's ways in reduced inside a call, and no sort of every person's row.
  CALL (p) {
    WITH accounts.reaches(p) AS reaches
    CALL (p, reaches) {
      UNWIND reaches AS r
      WITH r ORDER BY r.score DESC, CASE WHEN r.seen THEN 0 ELSE 1 END, CASE WHEN r.stale THEN 1 ELSE 0 END, r.ourPerson.id
      RETURN collect({score: r.score, seen: r.seen, strength: r.strength, stale: r.stale, ourPerson: r.ourPerson,
                      theirPerson: {id: p.id, name: p.name}})[0] AS best
    }
    RETURN best, [r IN reaches | r.ourPerson.id] AS reacherIds, all(r IN reaches WHERE NOT r.seen) AS introductionOnly
  }
  WITH p, head, best, reacherIds, introductionOnly,
       people.department(p) AS department,
       people.senior(p) AS senior
  UNWIND CASE WHEN head IS NULL THEN [{kind: 'department', key: department}]
              ELSE [{kind: 'department', key: department}, {kind: 'division', key: head.id, head: {id: head.id, name: head.name, title: head.title}}] END AS g
  WITH g.kind AS kind, g.key AS key, g.head AS head,
       count(*) AS people,
       collect(coalesce(p.seniority, '')) AS seniorities,
       collect(CASE WHEN best IS NOT NULL THEN coalesce(p.seniority, '') END) AS knownSeniorities,
       // Summed in millionths (scores have 6 decimals), so the sum is the same whatever order the people come in.
       sum(CASE WHEN best IS NOT NULL THEN toInteger(round(best.score * 1000000)) ELSE 0 END) / 1000000.0 AS bestScoreSum,
       sum(CASE WHEN best IS NOT NULL AND introductionOnly THEN 1 ELSE 0 END) AS knownByIntroductionOnly,
       collect(best) AS bests,
       collect(reacherIds) AS reachers,
       collect(CASE WHEN best.seen AND best.stale THEN {ourPerson: best.ourPerson, theirPerson: best.theirPerson,
                                                        strength: best.strength, stale: true} END) AS stale,
       collect(CASE WHEN senior AND best IS NULL THEN {id: p.id, name: p.name, title: p.title} END) AS seniorUnreached
  CALL (bests) {
    UNWIND bests AS b
    WITH b ORDER BY b.score DESC, CASE WHEN b.seen THEN 0 ELSE 1 END, CASE WHEN b.stale THEN 1 ELSE 0 END, b.ourPerson.id, b.theirPerson.id
    RETURN collect(b)[0] AS best
  }
  CALL (stale, seniorUnreached) {
    RETURN COLLECT { UNWIND stale AS s RETURN s ORDER BY s.theirPerson.name, s.theirPerson.id } AS staleByName,
           COLLECT { UNWIND seniorUnreached AS s RETURN s ORDER BY s.name, s.id } AS seniorUnreachedByName
  }
  CALL (reachers) {
    UNWIND reachers AS some
    UNWIND some AS ourId
    WITH DISTINCT ourId
    ORDER BY ourId
    RETURN collect(ourId) AS ourPeople
  }
  WITH kind, key, head, people, best, ourPeople, staleByName AS stale, seniorUnreachedByName AS seniorUnreached, bestScoreSum,
       knownByIntroductionOnly,
       [s IN ['executive', 'vp', 'director', 'manager', 'individual', ''] |
        {seniority: CASE WHEN s = '' THEN null ELSE s END,
         people: size([x IN seniorities WHERE x = s]), known: size([x IN knownSeniorities WHERE x = s])}] AS bySeniority,
       size(knownSeniorities) AS known
  ORDER BY kind, head.name, head.id
  WITH kind, collect({key: key, head: head, people: people, best: best, ourPeople: ourPeople, stale: stale,
                      seniorUnreached: seniorUnreached, bestScoreSum: bestScoreSum, bySeniority: bySeniority, known: known,
                      knownByIntroductionOnly: knownByIntroductionOnly}) AS groups
  UNWIND range(0, size(groups) - 1) AS at
  WITH kind, at, groups[at] AS g
  WITH g, kind,
       CASE
         WHEN $department IS NULL AND $divisionId IS NULL
              AND (kind = 'department' OR (at >= $divisionSkip AND at < $divisionSkip + $divisionTake)) THEN [$summarySkip, $summaryTake]
         WHEN kind = 'department' AND g.key = $department THEN [$listSkip, $listTake]
         WHEN kind = 'division' AND g.key = $divisionId THEN [$listSkip, $listTake]
         ELSE [0, 0] END AS cut
  RETURN collect({kind: kind, name: coalesce(g.head.name, g.key), head: CASE WHEN g.head IS NULL THEN null ELSE {id: g.head.id, name: g.head.name, title: g.head.title} END,
                  people: g.people, bySeniority: g.bySeniority, known: g.known, knownByIntroductionOnly: g.knownByIntroductionOnly,
                  bestScoreSum: g.bestScoreSum, best: g.best,
                  ourPeople: COLLECT { UNWIND g.ourPeople[cut[0]..cut[0] + cut[1]] AS ourId
                                      MATCH (ours:Person {id: ourId})
                                      RETURN {id: ours.id, name: ours.name} ORDER BY ours.id },
                  ourPeopleCount: size(g.ourPeople),
                  stale: g.stale[cut[0]..cut[0] + cut[1]], staleCount: size(g.stale),
                  seniorUnreached: g.seniorUnreached}) AS groups
}
RETURN org.id AS organizationId, org.name AS organizationName, org.kind AS kind, groups
