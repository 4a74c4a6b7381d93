// Removes one relationship. A relationship the viewer may not see is not found to them; a seller or manager ($writer)
// removes only relationships they own (charter.changesDetails).
OPTIONAL MATCH (ours:Person {id: $ourPersonId})-[k:KNOWS]->(theirs:Person {id: $theirPersonId})
WITH k,
     CASE
       WHEN k IS NULL OR NOT (charter.seesRelationship(k) AND charter.shown(ours) AND charter.shown(theirs)) THEN 'not-found'
       WHEN NOT charter.changesDetails(k) THEN 'not-owner'
       ELSE 'deleted'
     END AS outcome
CALL (k, outcome) {
  WITH * WHERE outcome = 'deleted'
  DELETE k
}
RETURN outcome
