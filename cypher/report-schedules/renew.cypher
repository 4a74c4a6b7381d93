// Renews the lease of a slot while its run lasts, by the instance that holds it. The SET takes the node's write lock
// before the owner is read, so a renewal never extends a lease another instance has just taken over.
// @bookkeeping: renewing a lease changes no answer.
MATCH (s:ReportSchedule {id: $id})
SET s.claimLock = true
WITH s, coalesce(s.leaseOwner = $instance AND s.lastRunSlot = datetime($slot), false) AS ours
SET s.leaseUntil = CASE WHEN ours THEN datetime($leaseUntil) ELSE s.leaseUntil END
REMOVE s.claimLock
RETURN ours AS renewed
