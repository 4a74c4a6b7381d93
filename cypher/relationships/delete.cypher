OPTIONAL MATCH (:Person {id: $ourPersonId})-[k:KNOWS]->(:Person {id: $theirPersonId})
WITH k, k IS NOT NULL AS found
DELETE k
RETURN found
