OPTIONAL MATCH (:Person {id: $lowId})-[line:RAPPORT]-(:Person {id: $highId})
WITH line, line IS NOT NULL AS found
DELETE line
RETURN found
