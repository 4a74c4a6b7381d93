// Deletes reports generated before the cutoff, with their delivery records, a batch at a time.
MATCH (r:Report)
WHERE r.generatedAt < datetime($cutoff)
WITH r LIMIT $batch
CALL (r) {
  MATCH (r)<-[:OF]-(d:ReportDelivery)
  DETACH DELETE d
}
DETACH DELETE r
RETURN count(r) AS deleted
