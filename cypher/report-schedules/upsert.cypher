// Creates or replaces a report schedule. Named opportunities must exist. The slot it last ran for is kept; when its
// timing (cron, time zone) is new or changed it counts from now, so it never runs for a slot from before it existed.
OPTIONAL MATCH (existing:ReportSchedule {id: $id})
WITH existing, [oid IN coalesce($opportunityIds, []) WHERE NOT EXISTS { MATCH (:Opportunity {id: oid}) }] AS missing
OPTIONAL CALL (existing, missing) {
  WITH * WHERE size(missing) = 0
  MERGE (s:ReportSchedule {id: $id})
    ON CREATE SET s.createdAt = datetime($now)
  WITH s, existing IS NULL OR coalesce(s.cron <> $cron OR s.timeZone <> $timeZone, true) AS retimed
  SET s.cron = $cron,
      s.timeZone = $timeZone,
      s.opportunityIds = $opportunityIds,
      s.webhookUrl = $webhookUrl,
      s.updatedAt = datetime($now),
      s.notBefore = CASE WHEN retimed THEN datetime($now) ELSE s.notBefore END
  RETURN s
}
RETURN existing IS NULL AS created, missing,
       CASE WHEN s IS NULL THEN null ELSE s {.id, .cron, .timeZone, .opportunityIds, .webhookUrl,
         createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt), notBefore: toString(s.notBefore),
         lastRunSlot: toString(s.lastRunSlot), completedSlot: toString(s.completedSlot), lastRunAt: toString(s.lastRunAt),
         lastRunReportIds: s.lastRunReportIds} END AS schedule
