// The warm paths to each target: one of ours, at most one step along our own reporting lines, exactly one
// relationship across, then at most two steps on the customer side (reporting lines either way, informal influence
// toward the target, sympathy), never between two people with antipathy or rivalry, never through or to a
// do-not-contact person, every person once. Anchored at the target, so it only touches the target's neighbourhood.
//
// Trust per hop: our reporting line and theirs a fixed trust by kind, influence its strength, sympathy a fixed trust,
// a relationship its strength (declared, else learned: 1 − exp(−score) with the score halved every half-life since it
// was last written), times the stale factor when not refreshed for staleAfterDays. A relationship hidden from the
// viewer is used only where the charter allows introductions and its owner is the one who knows the person; it then
// carries the fixed introduction trust and nothing else about it leaves this query.
// score = product of trusts × hopPenalty^(hops − 1).
//
// Per target: the k best paths, and the best path from each of our people (for the engagement plan), plus the
// antipathy and rivalry lines touching the customer side of those paths (reported as risks, never crossed).
UNWIND $targetIds AS targetId
MATCH (t:Person {id: targetId})
WHERE NOT coalesce(t.doNotContact, false)
CALL (t) {
  MATCH p = (s:Person)-[ownLine:REPORTS_TO]-{0,1}(o:Person)-[k:KNOWS]->(x:Person)
            ((a:Person)-[r:REPORTS_TO|INFLUENCES|RAPPORT]-(b:Person)
              WHERE (type(r) <> 'INFLUENCES' OR startNode(r) = a)
                AND (type(r) <> 'RAPPORT' OR r.sentiment = 'sympathy')
                AND NOT coalesce(b.doNotContact, false)
                AND NOT EXISTS { (a)-[bad:RAPPORT]-(b) WHERE bad.sentiment IN ['antipathy', 'rivalry'] }){0,2}
            (t)
  WHERE ($fromId IS NULL OR s.id = $fromId)
    AND length(p) <= $maxHops
    AND NOT coalesce(x.doNotContact, false)
  WITH p, k, o, size(ownLine) AS ownSteps, nodes(p) AS ns, relationships(p) AS rs
  WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
  WITH p, k, o, ownSteps, ns, rs,
       coalesce($viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
         OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds, false) AS visible
  WHERE visible OR ($viewer.introductions AND k.ownerId = o.id)
  WITH ns, rs, ownSteps, visible, k,
       duration.inSeconds(coalesce(k.scoreAsOf, datetime($now)), datetime($now)).seconds / 86400.0 AS scoreAgeDays,
       duration.inSeconds(coalesce(k.lastInteractionAt, k.updatedAt, k.createdAt), datetime($now)).seconds / 86400.0 AS quietDays
  WITH ns, rs, ownSteps, visible,
       CASE WHEN visible THEN k.declaredStrength END AS declared,
       CASE WHEN visible THEN 1 - exp(-coalesce(k.interactionScoreSum, 0.0)
              * 0.5 ^ (CASE WHEN scoreAgeDays < 0 THEN 0.0 ELSE scoreAgeDays END / $halfLifeDays)) END AS learned,
       CASE WHEN visible THEN quietDays > $staleAfterDays END AS stale
  WITH ns, ownSteps, [i IN range(0, size(rs) - 1) |
         CASE
           WHEN i < ownSteps THEN
             {type: CASE WHEN startNode(rs[i]) = ns[i] THEN 'reports-to' ELSE 'manager-of' END, kind: rs[i].kind,
              trust: CASE rs[i].kind WHEN 'solid' THEN $trust.ownSolid ELSE $trust.ownDotted END}
           WHEN i = ownSteps AND NOT visible THEN {type: 'introduction', trust: $trust.introduction}
           WHEN i = ownSteps THEN
             {type: 'knows', declared: declared, learned: learned, stale: stale,
              trust: coalesce(declared, learned) * CASE WHEN stale THEN $staleFactor ELSE 1.0 END}
           WHEN type(rs[i]) = 'REPORTS_TO' THEN
             {type: CASE WHEN startNode(rs[i]) = ns[i] THEN 'reports-to' ELSE 'manager-of' END, kind: rs[i].kind,
              trust: CASE rs[i].kind WHEN 'solid' THEN $trust.solid ELSE $trust.dotted END}
           WHEN type(rs[i]) = 'INFLUENCES' THEN {type: 'influences', kind: rs[i].kind, trust: coalesce(rs[i].strength, 0.0)}
           ELSE {type: 'sympathy', trust: $trust.sympathy}
         END] AS hops
  WITH ns, ownSteps, hops, reduce(product = 1.0, h IN hops | product * h.trust) AS trustProduct
  WITH ns, ownSteps, hops, trustProduct, trustProduct * $hopPenalty ^ (size(hops) - 1) AS score
  WHERE score > 0
  WITH score,
       {score: score, trustProduct: trustProduct, startSeniority: ns[0].seniority,
        people: [n IN ns | n {.id, .name}], hops: hops, theirSide: [n IN ns[ownSteps + 1..] | n.id],
        key: reduce(key = '', n IN ns | key + n.id + '>')} AS path
  ORDER BY score DESC, path.key
  WITH collect(path) AS ranked
  CALL (ranked) {
    UNWIND ranked AS path
    WITH path ORDER BY path.score DESC, path.key
    WITH path.people[0].id AS startId, collect(path)[0] AS best
    WITH best ORDER BY best.score DESC, best.key
    RETURN collect(best)[0..$startsPerTarget] AS bestPerStart
  }
  RETURN ranked[0..$k] AS paths, bestPerStart
}
// Antipathy and rivalry touching the customer side of the returned paths, named only when the other person may be
// contacted.
CALL (paths, bestPerStart) {
  UNWIND paths + bestPerStart AS path
  UNWIND path.theirSide AS personId
  WITH DISTINCT personId
  MATCH (n:Person {id: personId})-[line:RAPPORT]-(other:Person)
  WHERE line.sentiment IN ['antipathy', 'rivalry'] AND NOT coalesce(other.doNotContact, false)
  WITH n, line, other ORDER BY n.id, other.id
  RETURN collect({personId: n.id, personName: n.name, otherId: other.id, otherName: other.name, sentiment: line.sentiment}) AS conflicts
}
RETURN t.id AS targetId, paths, bestPerStart, conflicts
