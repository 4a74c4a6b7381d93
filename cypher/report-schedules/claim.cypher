// Claims one slot of a schedule for one instance, so that however many instances share this Neo4j exactly one runs
// it. The first SET takes the node's write lock, and the condition is read only after it: a second claimer waits
// until the first commits, then sees the slot taken. A claimed slot whose lease ran out before it completed (its
// instance died) may be claimed again. The timing must still be the one the claimer computed the slot from.
// @bookkeeping: a schedule slot's lease changes no answer.
MATCH (s:ReportSchedule {id: $id})
SET s.claimLock = true
WITH s
WITH s,
     s.cron = $cron AND s.timeZone = $timeZone
     AND (s.lastRunSlot IS NULL OR s.lastRunSlot < datetime($slot)
          OR (s.lastRunSlot = datetime($slot) AND coalesce(s.completedSlot < s.lastRunSlot, true)
              AND coalesce(s.leaseUntil < datetime($now), true))) AS claimed
SET s.lastRunSlot = CASE WHEN claimed THEN datetime($slot) ELSE s.lastRunSlot END,
    s.leaseOwner = CASE WHEN claimed THEN $instance ELSE s.leaseOwner END,
    s.leaseUntil = CASE WHEN claimed THEN datetime($leaseUntil) ELSE s.leaseUntil END
REMOVE s.claimLock
RETURN claimed, s.opportunityIds AS opportunityIds, s.webhookUrl AS webhookUrl
