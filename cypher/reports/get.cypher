// One report: its stored facts (payload: ids, numbers and sentence templates; see Features/Reports/ReportNames.cs),
// the webhook delivery attempts recorded for it, the relationships it shows, and what today's charter makes of it for
// its audience ($viewer): how the people it mentions are named now (reports.people) and which relationships it may no
// longer show in detail (reports.withheld).
MATCH (r:Report {id: $id})
RETURN r.payload AS payload,
       reports.deliveries(r) AS deliveries,
       coalesce(r.shownRelationships, []) AS shown, coalesce(r.mentionedIds, []) AS mentioned, reports.people(r) AS people,
       reports.withheld(r) AS withheld
