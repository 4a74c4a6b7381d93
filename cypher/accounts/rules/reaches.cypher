// accounts.reaches(p): how our side reaches person p directly, as $viewer may see it: each relationship of one of
// ours to p that the viewer sees, with its strength and staleness (charter.strength, charter.stale), and each one the
// viewer may not see that may still serve as an introduction (charter.introducesWith: its owner, nothing else about
// it), each scored as a one-hop warm path (charter.routeTrust). By our person's id. Whether the viewer sees a
// relationship, its strength and its staleness are worked out once per relationship (an account-wide count evaluates
// this for every relationship into the account).
COLLECT {
  MATCH (reacher:Person)-[reach:KNOWS]->(p)
  WHERE charter.reachable(reacher)
  WITH reacher, reach, charter.seesRelationship(reach) AS seen, charter.strength(reach) AS strength, charter.stale(reach) AS stale
  WITH reacher, reach, seen, strength, stale, charter.worthOf(strength, stale) AS worth
  WHERE seen OR charter.introducesWith(reach, seen, worth)
  ORDER BY reacher.id
  RETURN {ourPerson: {id: reacher.id, name: reacher.name}, seen: seen,
          score: round(charter.routeTrust(reach, seen, worth), 6, 'HALF_UP'),
          strength: CASE WHEN seen THEN round(strength, 6, 'HALF_UP') END, stale: CASE WHEN seen THEN stale END}
}
