// Removes one relationship. A relationship the viewer may not see is not found to them; a seller or manager ($caller)
// removes only relationships they own.
OPTIONAL MATCH (:Person {id: $ourPersonId})-[k:KNOWS]->(:Person {id: $theirPersonId})
WITH k,
     CASE
       WHEN k IS NULL THEN 'not-found'
       WHEN NOT ($viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
                 OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds)
         THEN 'not-found'
       WHEN $caller IS NOT NULL AND k.ownerId <> $caller THEN 'not-owner'
       ELSE 'deleted'
     END AS outcome
CALL (k, outcome) {
  WITH * WHERE outcome = 'deleted'
  DELETE k
}
RETURN outcome
