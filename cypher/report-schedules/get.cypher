// One report schedule.
MATCH (s:ReportSchedule {id: $id})
RETURN s {.id, .cron, .timeZone, .opportunityIds, .webhookUrl,
         createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt), notBefore: toString(s.notBefore),
         lastRunSlot: toString(s.lastRunSlot), completedSlot: toString(s.completedSlot), lastRunAt: toString(s.lastRunAt),
         lastRunReportIds: s.lastRunReportIds} AS schedule
