// Reports and their schedules are keyed by id; a scheduled report's id is derived from its schedule, slot and
// opportunity, so the constraint also makes each scheduled run write its report at most once.
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (r:Report) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT report_schedule_id IF NOT EXISTS FOR (s:ReportSchedule) REQUIRE s.id IS UNIQUE;
// Reports are listed per opportunity, newest first, and deleted by age.
CREATE INDEX report_opportunity IF NOT EXISTS FOR (r:Report) ON (r.opportunityId, r.generatedAt);
CREATE INDEX report_generated_at IF NOT EXISTS FOR (r:Report) ON (r.generatedAt);
