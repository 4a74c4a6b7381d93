// Deletes a report schedule; the reports it produced stay until their retention ends.
OPTIONAL MATCH (s:ReportSchedule {id: $id})
WITH s, s IS NOT NULL AS found
DELETE s
RETURN found
