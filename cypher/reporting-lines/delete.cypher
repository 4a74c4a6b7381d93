OPTIONAL MATCH (:Person {id: $personId})-[line:REPORTS_TO]->(:Person {id: $managerId})
WITH line, line IS NOT NULL AS found
DELETE line
RETURN found
