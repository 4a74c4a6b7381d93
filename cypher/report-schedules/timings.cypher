// What the scheduler needs to decide which schedules are due: their timing and the state of their last run.
MATCH (s:ReportSchedule)
RETURN s.id AS id, s.cron AS cron, s.timeZone AS timeZone, toString(s.notBefore) AS notBefore,
       toString(s.lastRunSlot) AS lastRunSlot, toString(s.completedSlot) AS completedSlot,
       toString(s.leaseUntil) AS leaseUntil
ORDER BY id
