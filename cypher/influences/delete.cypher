OPTIONAL MATCH (:Person {id: $fromId})-[line:INFLUENCES]->(:Person {id: $toId})
WITH line, line IS NOT NULL AS found
DELETE line
RETURN found
