// One page of report schedules by id.
CALL () {
  MATCH (s:ReportSchedule)
  WITH s ORDER BY s.id
  RETURN collect(s) AS matched
}
RETURN size(matched) AS total,
       [s IN matched[$skip..$skip + $limit] | s {.id, .cron, .timeZone, .opportunityIds, .webhookUrl,
         createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt), notBefore: toString(s.notBefore),
         lastRunSlot: toString(s.lastRunSlot), completedSlot: toString(s.completedSlot), lastRunAt: toString(s.lastRunAt),
         lastRunReportIds: s.lastRunReportIds}] AS items
