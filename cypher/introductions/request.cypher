// A request by one of our people ($requesterId) to be introduced by another ($introducerId) to one of theirs
// ($targetId). Allowed only where the requester's own path answers could show that route: the introducer's
// relationship to the target visible to them (charter.seesRelationship) or offered as an introduction
// (charter.introduces), both people reachable; anything else (no such relationship, a do-not-contact target, an unknown
// id) is 'not-found' alike, so a request reveals nothing. Then a request already open (requested or accepted) for the
// same three people is a 'duplicate' with its id, and a requester holding $maxOpen waiting requests is at the 'limit'.
// The requester's lock makes concurrent requests of one requester count one after the other.
MATCH (me:Person {id: $requesterId})
SET me.introductionLock = true
WITH me
OPTIONAL MATCH (o:Person {id: $introducerId})
OPTIONAL MATCH (t:Person {id: $targetId})
OPTIONAL MATCH (opp:Opportunity {id: $opportunityId})
WITH me, o, t, opp,
     o IS NOT NULL AND t IS NOT NULL AND charter.reachable(o) AND charter.reachable(t)
     AND EXISTS { (o)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
     AND NOT EXISTS { (t)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
     AND EXISTS { MATCH (o)-[k:KNOWS]->(t) WHERE charter.seesRelationship(k) OR charter.introduces(k) } AS routeShown
WITH me, o, t, opp, routeShown,
     COLLECT { MATCH (me)<-[:REQUESTED_BY]-(d:Introduction)-[:THROUGH]->(o)
               WHERE d.state IN ['requested', 'accepted'] AND EXISTS { (d)-[:TO]->(t) }
               RETURN d.id }[0] AS duplicateId,
     COUNT { (me)<-[:REQUESTED_BY]-(:Introduction {state: 'requested'}) } AS open
WITH me, o, t, opp, duplicateId,
     CASE WHEN NOT routeShown THEN 'not-found'
          WHEN $opportunityId IS NOT NULL AND opp IS NULL THEN 'opportunity-not-found'
          WHEN duplicateId IS NOT NULL THEN 'duplicate'
          WHEN open >= $maxOpen THEN 'limit'
          ELSE 'created' END AS outcome
CALL (me, o, t, opp, outcome) {
  WITH * WHERE outcome = 'created'
  CREATE (x:Introduction {id: $id, state: 'requested', note: $note, requestedAt: datetime($now),
                          expiresAt: datetime($expiresAt), approvalRequired: $approvalRequired})
  CREATE (x)-[:REQUESTED_BY]->(me), (x)-[:THROUGH]->(o), (x)-[:TO]->(t)
  FOREACH (_ IN CASE WHEN opp IS NULL THEN [] ELSE [1] END | CREATE (x)-[:FOR]->(opp))
}
REMOVE me.introductionLock
WITH outcome, duplicateId
OPTIONAL MATCH (x:Introduction {id: $id})
RETURN outcome, duplicateId, CASE WHEN x IS NULL THEN null ELSE introductions.answer(x) END AS introduction
