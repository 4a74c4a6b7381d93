// Rapport is symmetric: one RAPPORT relationship per pair, stored from the smaller id to the larger.
OPTIONAL MATCH (a:Person {id: $lowId})
OPTIONAL MATCH (b:Person {id: $highId})
WITH a, b,
     CASE WHEN a IS NULL THEN 'low-not-found' WHEN b IS NULL THEN 'high-not-found' ELSE 'ok' END AS outcome
OPTIONAL CALL (a, b, outcome) {
  WITH * WHERE outcome = 'ok'
  OPTIONAL MATCH (a)-[existing:RAPPORT]-(b)
  WITH a, b, existing IS NULL AS created
  MERGE (a)-[line:RAPPORT]->(b)
  SET line.sentiment = $sentiment, line.updatedAt = datetime($now)
  RETURN created
}
RETURN outcome, coalesce(created, false) AS created
