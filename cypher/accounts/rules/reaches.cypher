// accounts.reaches(p): how our side reaches person p directly, as $viewer may see it: each relationship of one of
// ours to p that the viewer sees, with its strength and staleness (charter.strength, charter.stale), and each one the
// viewer may not see that may still serve as an introduction (charter.introduces: its owner, nothing else about it),
// each scored as a one-hop warm path (charter.routeTrust). By our person's id.
COLLECT {
  MATCH (reacher:Person)-[reach:KNOWS]->(p)
  WHERE charter.reachable(reacher) AND (charter.seesRelationship(reach) OR charter.introduces(reach))
  WITH reacher, reach, charter.seesRelationship(reach) AS seen
  ORDER BY reacher.id
  RETURN {ourPerson: {id: reacher.id, name: reacher.name}, seen: seen, score: round(charter.routeTrust(reach), 6, 'HALF_UP'),
          strength: CASE WHEN seen THEN round(charter.strength(reach), 6, 'HALF_UP') END,
          stale: CASE WHEN seen THEN charter.stale(reach) END}
}
