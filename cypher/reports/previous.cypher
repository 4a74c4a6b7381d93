// The latest stored report of an opportunity other than the one being made: what a new report is compared with,
// without the people the charter no longer lets a report name (reports.hidden).
MATCH (r:Report {opportunityId: $opportunityId})
WHERE r.id <> $id
RETURN r.payload AS payload, [] AS deliveries, coalesce(r.shownRelationships, []) AS shown, reports.hidden(r) AS hiddenIds
ORDER BY r.generatedAt DESC, r.sequence DESC
LIMIT 1
