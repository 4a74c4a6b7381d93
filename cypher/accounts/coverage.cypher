// How well our side covers one organization, as $viewer may see it, from the account's derived facts
// (Domain/Pursuit/CoverageFacts): the same answer as cypher/accounts/coverage-walk.cypher, at the cost of the people our
// side knows there and the senior people, not of the head count. The facts hold, at the chart version they were
// computed at, each group's reachable people by seniority (coverageGroup*), the reachable senior people
// (coverageSeniorIds) and each reachable person's division head (Person.divisionHeadId: the nearest reachable VP at or
// above them along solid lines). They are used only when current ($factsKey and the organization's chart version, which
// every change of people, lines, seniority, department or do-not-contact mark moves on): factsCurrent says so, and the
// caller refreshes them and asks again otherwise. The people read are those with a relationship from one of ours and
// the senior people, each reachable (charter.reachable); how our side reaches them directly is accounts.reaches (per
// viewer and per moment). Per group, as the walk: the best way in (the highest score, then a relationship before an
// introduction, a fresh one before a stale one, then our person's id), our people (distinct, by id), the people whose
// best way in is a stale relationship (by name, id) and the senior people none of ours reaches directly, the lists cut
// as the part asks: [$summarySkip, $summarySkip + $summaryTake) for the whole account's answer (departments, and the
// divisions on the page [$divisionSkip, $divisionSkip + $divisionTake) in head name, id order), or, drilling into one
// group ($department or $divisionId), that group's [$listSkip, $listSkip + $listTake) alone.
// @long-running: an account-wide count over every relationship into the account: on a 300,000-person account it outlasts
//   Neo4j:QueryTimeout, and an answer late is better than none (Neo4j:LongQueryTimeout bounds it).
MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
WITH org, facts,
     facts IS NOT NULL AND facts.chartVersion = coalesce(org.chartVersion, 0) AND facts.settings = $factsKey
     AND facts.coverageGroupKinds IS NOT NULL AS factsCurrent
CALL (org, facts, factsCurrent) {
  WITH * WHERE factsCurrent AND org.kind <> 'own'
  CALL (org, facts) {
    CALL (org, facts) {
      // A degree check per member (one db hit each): people nobody of ours knows cost nothing more.
      MATCH (p:Person)-[:WORKS_AT]->(org)
      WHERE EXISTS { (p)<-[:KNOWS]-() }
      RETURN p
      UNION
      UNWIND facts.coverageSeniorIds AS seniorId
      MATCH (p:Person {id: seniorId})-[:WORKS_AT]->(org)
      RETURN p
    }
    WITH p WHERE charter.reachable(p)
    OPTIONAL MATCH (head:Person {id: p.divisionHeadId})
    // Each person's ways in are ranked and reduced to what the groups need (the best, our people's ids, whether only
    // introductions reach them) inside this call, so that no list of every relationship into the account is held at
    // once: on a 300,000-person account those lists outgrew Neo4j's transaction memory.
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
         coalesce(people.department(p), '') AS department,
         people.senior(p) AS senior
    WHERE best IS NOT NULL OR senior
    UNWIND CASE WHEN head IS NULL THEN [{kind: 'department', key: department}]
                ELSE [{kind: 'department', key: department}, {kind: 'division', key: head.id}] END AS g
    WITH g.kind AS kind, g.key AS key,
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
    // The lists by name and id, sorted per group: sorting the people's rows first would hold every row (and, in
    // Neo4j's slotted runtime, every slot of it, the ways in included) in memory at once.
    CALL (stale, seniorUnreached) {
      RETURN COLLECT { UNWIND stale AS s RETURN s ORDER BY s.theirPerson.name, s.theirPerson.id } AS staleByName,
             COLLECT { UNWIND seniorUnreached AS s RETURN s ORDER BY s.name, s.id } AS seniorUnreachedByName
    }
    // Our people by id only: their names are read for the ones the part shows.
    CALL (reachers) {
      UNWIND reachers AS some
      UNWIND some AS ourId
      WITH DISTINCT ourId
      ORDER BY ourId
      RETURN collect(ourId) AS ourPeople
    }
    RETURN collect({kind: kind, key: key, best: best, ourPeople: ourPeople, stale: staleByName, seniorUnreached: seniorUnreachedByName,
                    bestScoreSum: bestScoreSum, knownSeniorities: knownSeniorities,
                    knownByIntroductionOnly: knownByIntroductionOnly}) AS reached
  }
  // Every group the facts count, with what the people read add to it (nothing when none of them is in it).
  UNWIND range(0, size(facts.coverageGroupKinds) - 1) AS at
  WITH facts.coverageGroupKinds[at] AS kind, facts.coverageGroupKeys[at] AS key,
       facts.coverageGroupCounts[at * 7..at * 7 + 7] AS counts, reached
  WITH kind, key, counts, [x IN reached WHERE x.kind = kind AND x.key = key][0] AS r
  OPTIONAL MATCH (head:Person {id: CASE WHEN kind = 'division' THEN key END})
  WITH kind, CASE WHEN kind = 'department' AND key = '' THEN null ELSE key END AS key,
       CASE WHEN head IS NULL THEN null ELSE {id: head.id, name: head.name, title: head.title} END AS head,
       counts[0] AS people, r.best AS best, coalesce(r.ourPeople, []) AS ourPeople, coalesce(r.stale, []) AS stale,
       coalesce(r.seniorUnreached, []) AS seniorUnreached, coalesce(r.bestScoreSum, 0.0) AS bestScoreSum,
       coalesce(r.knownByIntroductionOnly, 0) AS knownByIntroductionOnly,
       [i IN range(0, 5) | {seniority: CASE WHEN i = 5 THEN null ELSE ['executive', 'vp', 'director', 'manager', 'individual'][i] END,
                            people: counts[1 + i],
                            known: size([x IN coalesce(r.knownSeniorities, [])
                                         WHERE x = ['executive', 'vp', 'director', 'manager', 'individual', ''][i]])}] AS bySeniority,
       size(coalesce(r.knownSeniorities, [])) AS known
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
  RETURN collect({kind: kind, name: coalesce(g.head.name, g.key), head: g.head,
                  people: g.people, bySeniority: g.bySeniority, known: g.known, knownByIntroductionOnly: g.knownByIntroductionOnly,
                  bestScoreSum: g.bestScoreSum, best: g.best,
                  ourPeople: COLLECT { UNWIND g.ourPeople[cut[0]..cut[0] + cut[1]] AS ourId
                                      MATCH (ours:Person {id: ourId})
                                      RETURN {id: ours.id, name: ours.name} ORDER BY ours.id },
                  ourPeopleCount: size(g.ourPeople),
                  stale: g.stale[cut[0]..cut[0] + cut[1]], staleCount: size(g.stale),
                  seniorUnreached: g.seniorUnreached}) AS groups
}
RETURN org.id AS organizationId, org.name AS organizationName, org.kind AS kind, factsCurrent,
       coalesce(org.chartVersion, 0) AS chartVersion, groups
