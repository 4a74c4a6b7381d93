// Deletes reports generated before the cutoff, with their delivery records, a batch at a time.
MATCH (r:Report)
WHERE r.generatedAt < datetime($cutoff)
WITH r LIMIT $batch
CALL (r) {
  MATCH (e:OutboxEntry {subjectId: r.id})
  OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt)
  DETACH DELETE d, e
}
DETACH DELETE r
RETURN count(r) AS deleted
