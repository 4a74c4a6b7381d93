// Deletes the outbox entries (and their recorded attempts) about subjects that are gone.
// @bookkeeping: outbox entries change no answer.
UNWIND $subjectIds AS subjectId
MATCH (e:OutboxEntry {subjectId: subjectId})
OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt)
DETACH DELETE d, e
RETURN count(DISTINCT e) AS deleted
