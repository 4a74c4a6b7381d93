// Removes a reporting line; the organization's chart version moves on (its derived facts change).
OPTIONAL MATCH (p:Person {id: $personId})-[line:REPORTS_TO]->(:Person {id: $managerId})
OPTIONAL MATCH (p)-[:WORKS_AT]->(employer:Organization)
WITH line, employer, line IS NOT NULL AS found
DELETE line
FOREACH (o IN CASE WHEN found AND employer IS NOT NULL THEN [employer] ELSE [] END |
  SET o.chartVersion = coalesce(o.chartVersion, 0) + 1)
RETURN found
