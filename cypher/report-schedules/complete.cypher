// Marks a claimed slot as run, by the instance that holds its lease, with the reports it produced.
// @bookkeeping: marking a slot run changes no answer built from the CRM data.
MATCH (s:ReportSchedule {id: $id})
WHERE s.leaseOwner = $instance AND s.lastRunSlot = datetime($slot)
SET s.completedSlot = datetime($slot),
    s.lastRunAt = datetime($now),
    s.lastRunReportIds = $reportIds
REMOVE s.leaseOwner, s.leaseUntil
RETURN count(s) AS completed
