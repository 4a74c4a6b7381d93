// The latest stored report of an opportunity other than the one being made: what a new report is compared with, read
// as reports/get reads one (today's charter for the report's audience, $viewer).
MATCH (r:Report {opportunityId: $opportunityId})
WHERE r.id <> $id
RETURN r.payload AS payload, [] AS deliveries, coalesce(r.shownRelationships, []) AS shown,
       coalesce(r.mentionedIds, []) AS mentioned, reports.people(r) AS people, reports.withheld(r) AS withheld
ORDER BY r.generatedAt DESC, r.sequence DESC
LIMIT 1
