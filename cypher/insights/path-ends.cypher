// The two ends of a path request: each as $viewer may see them (a do-not-contact person is not found), which side it
// is on, and whether the target may be reached at all.
OPTIONAL MATCH (f:Person {id: $fromId})-[:WORKS_AT]->(fromOrg:Organization)
WHERE charter.shown(f)
OPTIONAL MATCH (t:Person {id: $toId})-[:WORKS_AT]->(toOrg:Organization)
WHERE charter.shown(t) AND charter.reachable(t)
RETURN charter.personRef(f) AS from, fromOrg.kind = 'own' AS fromIsOurs,
       charter.personRef(t) AS to, toOrg.kind = 'own' AS toIsOurs
