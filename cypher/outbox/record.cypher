// Records a round of delivery attempts of an outbox entry, numbered after the ones already recorded, and what came of
// it: delivered, failed (given up), dropped (nothing to send: its subject is gone, or its kind has no webhook), or still
// pending until $retryAt, when the outbox tries again.
// @bookkeeping: delivery attempts change no answer built from the CRM data.
MATCH (e:OutboxEntry {id: $id})
WITH e, COUNT { (e)<-[:OF]-(:DeliveryAttempt) } AS before
CALL (e, before) {
  UNWIND $attempts AS a
  CREATE (d:DeliveryAttempt {attempt: before + a.attempt, at: datetime(a.at), statusCode: a.statusCode, error: a.error,
                             outcome: a.outcome})-[:OF]->(e)
  RETURN count(d) AS recorded
}
SET e.state = $state,
    e.leaseUntil = CASE WHEN $state = 'pending' THEN datetime($retryAt) ELSE null END,
    e.closedAt = CASE WHEN $state = 'pending' THEN null ELSE datetime($now) END
REMOVE e.leaseOwner
RETURN recorded
