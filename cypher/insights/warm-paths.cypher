// The warm paths to each target: one of ours, at most one step along our own reporting lines, exactly one
// relationship across, then at most two steps on the customer side (reporting lines either way, informal influence
// toward the target, sympathy), never between two people with antipathy or rivalry, never through or to a
// do-not-contact person, every person once; each chain of people once, by its best lines. Anchored at the target, so it only touches the target's neighbourhood.
//
// Trust per hop: our reporting line and theirs a fixed trust by kind, influence its strength, sympathy a fixed trust,
// a relationship its worth (charter.routeTrust: its strength, times the stale factor when stale). A relationship hidden
// from the viewer is used only where charter.introduces allows it (worth at least the introduction trust); it then
// carries the fixed introduction trust and nothing else about it leaves this query. Do-not-contact people are never reached nor used (charter.reachable).
// score = product of trusts × hopPenalty^(hops − 1).
//
// Two phases keep it fast: first every route that starts with the one of ours who knows someone, scored; then the
// step on our side, only in front of the routes that can still matter. A step on our side multiplies a route's score
// by less than 1, so the k best paths are among the k best first-phase routes and their extensions. With $fromId, every
// route starting at that person or one reporting line from them is extended, so the answer is exact there too.
//
// Per target: the k best paths, and the best path from each of our people (candidates for the engagement plan), plus
// the antipathy and rivalry lines touching the customer side of those paths (reported as risks, never crossed).
UNWIND $targetIds AS targetId
MATCH (t:Person {id: targetId})
WHERE charter.reachable(t)
CALL (t) {
  MATCH p = (o:Person)-[k:KNOWS]->(x:Person)
            ((a:Person)-[r:REPORTS_TO|INFLUENCES|RAPPORT]-(b:Person) WHERE insights.passes(a, r, b)){0,2}
            (t)
  WHERE length(p) <= $maxHops
    AND charter.reachable(x) AND charter.reachable(o)
    AND ($fromId IS NULL OR o.id = $fromId
         OR (length(p) < $maxHops AND EXISTS { (o)-[:REPORTS_TO]-(:Person {id: $fromId}) }))
  WITH p, k, o, nodes(p) AS ns
  WHERE insights.simple(ns)
  // Whether the viewer sees k and what k is worth are worked out once per candidate, then decide both rules.
  WITH p, k, o, charter.seesRelationship(k) AS visible, charter.worth(k) AS worth
  WHERE visible OR charter.introducesWith(k, visible, worth)
  // Scalars only for every candidate; the hop-by-hop detail is worked out for the routes answered.
  WITH p, k, o, visible, charter.routeTrust(k, visible, worth) AS crossTrust
  WITH p, k, o, visible, crossTrust,
       insights.trustProduct(crossTrust, p) AS product
  WITH p, k, o, visible, crossTrust, product, product * $hopPenalty ^ (length(p) - 1) AS score
  WHERE score > 0
  WITH {start: o, own: null, ownTrust: null, path: p, k: k, visible: visible, crossTrust: crossTrust, product: product,
        score: score, key: reduce(key = '', n IN nodes(p) | key + n.id + '>')} AS route
  WITH collect(route) AS direct
  // The best route of each of ours who knows someone on the way: one pass, no sorting of every candidate.
  CALL (direct) {
    UNWIND direct AS route
    WITH route.start AS start, collect(route) AS routes
    WITH reduce(best = null, r IN routes |
           CASE WHEN best IS NULL OR r.score > best.score OR (r.score = best.score AND r.key < best.key) THEN r ELSE best END) AS best
    WITH best ORDER BY best.score DESC, best.key
    RETURN collect(best)[0..$startsPerTarget] AS bestPerKnower
  }
  // The k best chains of people (two lines between the same two people make one chain: its best), so that k of them
  // are left after the chains are made distinct below.
  CALL (direct) {
    UNWIND direct AS route
    WITH route ORDER BY route.score DESC, route.key
    WITH route.key AS key, collect(route)[0] AS route
    WITH route ORDER BY route.score DESC, route.key
    LIMIT $k
    RETURN collect(route) AS topDirect
  }
  // The step on our side: from a manager, a report or a dotted-line colleague of the one who knows.
  CALL (direct, topDirect, bestPerKnower) {
    UNWIND (CASE WHEN $fromId IS NULL THEN topDirect + bestPerKnower ELSE direct END) AS route
    WITH DISTINCT route.key AS key, route
    WITH route, route.start AS o
    WHERE length(route.path) < $maxHops
    MATCH (s:Person)-[own:REPORTS_TO]-(o)
    WHERE NOT s IN nodes(route.path) AND charter.reachable(s) AND ($fromId IS NULL OR s.id = $fromId)
    WITH route, s, own, CASE own.kind WHEN 'solid' THEN $trust.ownSolid ELSE $trust.ownDotted END AS ownTrust
    RETURN collect(route {.*, start: s, own: own, ownTrust: ownTrust, product: route.product * ownTrust,
                          score: route.product * ownTrust * $hopPenalty ^ length(route.path), key: s.id + '>' + route.key}) AS extended
  }
  UNWIND (CASE WHEN $fromId IS NULL THEN topDirect + bestPerKnower + extended
               ELSE [route IN direct WHERE route.start.id = $fromId] + extended END) AS route
  // Two lines between the same two people (a reporting line and sympathy, say) make one chain of people: its best.
  WITH route ORDER BY route.score DESC
  WITH route.key AS key, collect(route)[0] AS route
  WITH route ORDER BY route.score DESC, route.key
  WITH collect(route) AS ranked
  CALL (ranked) {
    UNWIND ranked AS route
    WITH route ORDER BY route.score DESC, route.key
    WITH route.start AS start, collect(route)[0] AS best
    WITH best ORDER BY best.score DESC, best.key
    RETURN collect(best)[0..$startsPerTarget] AS bestPerStart
  }
  // Hop by hop, only for the routes that are answered.
  WITH ranked[0..$k] AS top, bestPerStart
  CALL (top, bestPerStart) {
    UNWIND range(0, size(top) + size(bestPerStart) - 1) AS i
    WITH i, CASE WHEN i < size(top) THEN top[i] ELSE bestPerStart[i - size(top)] END AS route
    WITH i, route,
         CASE WHEN route.own IS NULL THEN nodes(route.path) ELSE [route.start] + nodes(route.path) END AS ns,
         CASE WHEN route.own IS NULL THEN relationships(route.path) ELSE [route.own] + relationships(route.path) END AS rs,
         CASE WHEN route.own IS NULL THEN 0 ELSE 1 END AS ownSteps,
         CASE WHEN route.own IS NULL THEN [] ELSE [route.ownTrust] END + [route.crossTrust]
           + [r IN tail(relationships(route.path)) | insights.lineTrust(r)] AS trusts,
         route.k AS k
    // The person our relationship reaches, when they moved here from another organization: the relationship followed
    // them (they know us, not the company), and the reason says so. Only an organization's name is read.
    OPTIONAL CALL (ns, ownSteps) {
      WITH ns[ownSteps + 1] AS known
      MATCH (known)-[past:WORKED_AT]->(previous:Organization)
      WHERE NOT (known)-[:WORKS_AT]->(previous)
      RETURN previous.name AS movedFrom ORDER BY past.until DESC LIMIT 1
    }
    WITH i, route, ns, ownSteps, [j IN range(0, size(rs) - 1) |
           CASE
             WHEN j = ownSteps AND NOT route.visible THEN {type: 'introduction', trust: trusts[j], movedFrom: movedFrom,
                                                          sharedStrength: charter.introduced(k, ['strength']),
                                                          pendingSince: charter.pendingSince(k)}
             WHEN j = ownSteps THEN {type: 'knows', declared: k.declaredStrength, learned: charter.learnedStrength(k),
                                     stale: charter.stale(k), trust: trusts[j], movedFrom: movedFrom}
             WHEN type(rs[j]) = 'REPORTS_TO' THEN
               {type: CASE WHEN startNode(rs[j]) = ns[j] THEN 'reports-to' ELSE 'manager-of' END, kind: rs[j].kind, trust: trusts[j]}
             WHEN type(rs[j]) = 'INFLUENCES' THEN {type: 'influences', kind: rs[j].kind, trust: trusts[j]}
             ELSE {type: 'sympathy', trust: trusts[j]}
           END] AS hops
    WITH i, i < size(top) AS isTop,
         {score: route.score, trustProduct: route.product, startSeniority: ns[0].seniority,
          people: [n IN ns | n {.id, .name}], hops: hops, theirSide: [n IN ns[ownSteps + 1..] | n.id]} AS detail
    ORDER BY i
    WITH collect({isTop: isTop, detail: detail}) AS details
    RETURN [d IN details WHERE d.isTop | d.detail] AS paths, [d IN details WHERE NOT d.isTop | d.detail] AS bestPerStartDetails
  }
  RETURN paths, bestPerStartDetails AS bestPerStart
}
// Antipathy and rivalry touching the customer side of the returned paths, named only when the other person may be
// contacted.
CALL (paths, bestPerStart) {
  UNWIND paths + bestPerStart AS path
  UNWIND path.theirSide AS personId
  WITH DISTINCT personId
  MATCH (n:Person {id: personId})-[line:RAPPORT]-(other:Person)
  WHERE line.sentiment IN ['antipathy', 'rivalry'] AND charter.reachable(other)
  WITH n, line, other ORDER BY n.id, other.id
  RETURN collect({personId: n.id, personName: n.name, otherId: other.id, otherName: other.name, sentiment: line.sentiment}) AS conflicts
}
RETURN t.id AS targetId, paths, bestPerStart, conflicts
