// The two ends of a path request: whether each exists, which side it is on, and whether the target may be contacted.
OPTIONAL MATCH (f:Person {id: $fromId})-[:WORKS_AT]->(fromOrg:Organization)
OPTIONAL MATCH (t:Person {id: $toId})-[:WORKS_AT]->(toOrg:Organization)
RETURN CASE WHEN f IS NULL THEN null ELSE {id: f.id, name: f.name} END AS from,
       fromOrg.kind = 'own' AS fromIsOurs,
       CASE WHEN t IS NULL OR coalesce(t.doNotContact, false) THEN null ELSE {id: t.id, name: t.name} END AS to,
       toOrg.kind = 'own' AS toIsOurs
