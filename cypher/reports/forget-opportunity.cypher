// Runs in the deletion of an opportunity: its reports go with it.
MATCH (r:Report {opportunityId: $id})
CALL (r) {
  MATCH (e:OutboxEntry {subjectId: r.id})
  OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt)
  DETACH DELETE d, e
}
DETACH DELETE r
RETURN count(r) AS deleted
