// Claims a report's pending webhook delivery for one instance, for a lease: among instances, one sends it at a time. The
// SET takes the report's write lock before the state is read, so a second claimer waits and then sees the claim. A claim
// whose lease ran out (its instance died while sending, or a failed round waits for its next try) may be claimed again.
// @bookkeeping: a delivery lease changes no answer.
MATCH (r:Report {id: $id})
SET r.deliveryLock = true
WITH r, r.delivery = 'pending' AND coalesce(r.deliveryLeaseUntil < datetime($now), true) AS claimed
SET r.deliveryLeaseOwner = CASE WHEN claimed THEN $instance ELSE r.deliveryLeaseOwner END,
    r.deliveryLeaseUntil = CASE WHEN claimed THEN datetime($leaseUntil) ELSE r.deliveryLeaseUntil END
REMOVE r.deliveryLock
RETURN claimed, r.webhookUrl AS webhookUrl, r.scheduleId AS scheduleId, toString(r.generatedAt) AS generatedAt
