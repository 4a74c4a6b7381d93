// reports.hidden(r): the people stored report r names that the charter no longer lets a report name (marked
// do-not-contact since): reading the report leaves them out (Features/Reports/ReportRedaction.cs).
[mentionedId IN coalesce(r.mentionedIds, [])
 WHERE EXISTS { MATCH (mentioned:Person {id: mentionedId}) WHERE NOT charter.reachable(mentioned) }]
