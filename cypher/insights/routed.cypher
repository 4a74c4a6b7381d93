// Which of the targets at least one warm path reaches, as $viewer may see it: the question coverage asks of the senior
// people none of ours knows. A path here is exactly a first-phase route of cypher/insights/warm-paths.cypher (the same
// pattern and rules: insights.passes, insights.simple, the charter's decisions on the relationship across, a score
// above 0); a step on our side only lengthens a route that already exists, so it decides nothing here. Nothing is
// scored, ranked or explained, and the search for a target stops at its first path.
UNWIND $targetIds AS targetId
MATCH (t:Person {id: targetId})
WHERE charter.reachable(t)
  AND EXISTS {
    MATCH p = (o:Person)-[k:KNOWS]->(x:Person)
              ((a:Person)-[r:REPORTS_TO|INFLUENCES|RAPPORT]-(b:Person) WHERE insights.passes(a, r, b)){0,2}
              (t)
    WHERE length(p) <= $maxHops AND charter.reachable(x) AND charter.reachable(o) AND insights.simple(nodes(p))
    WITH p, k, charter.seesRelationship(k) AS visible, charter.worth(k) AS worth
    WHERE (visible OR charter.introducesWith(k, visible, worth))
      AND insights.trustProduct(charter.routeTrust(k, visible, worth), p) * $hopPenalty ^ (length(p) - 1) > 0
  }
RETURN t.id AS targetId
