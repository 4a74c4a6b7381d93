// Claims an outbox entry's pending delivery for one instance, for a lease: among instances, one sends it at a time. The
// SET takes the entry's write lock before the state is read, so a second claimer waits and then sees the claim. A claim
// whose lease ran out (its instance died while sending, or a failed round waits for its next try) may be claimed again.
// @bookkeeping: a delivery lease changes no answer.
MATCH (e:OutboxEntry {id: $id})
SET e.claimLock = true
WITH e, e.state = 'pending' AND coalesce(e.leaseUntil < datetime($now), true) AS claimed
SET e.leaseOwner = CASE WHEN claimed THEN $instance ELSE e.leaseOwner END,
    e.leaseUntil = CASE WHEN claimed THEN datetime($leaseUntil) ELSE e.leaseUntil END
REMOVE e.claimLock
RETURN claimed, e.id AS id, e.kind AS kind, e.subjectId AS subjectId, e.url AS url, toString(e.createdAt) AS createdAt
