// The latest stored report of an opportunity other than the one being made: what a new report is compared with.
MATCH (r:Report {opportunityId: $opportunityId})
WHERE r.id <> $id
RETURN r.payload AS payload
ORDER BY r.generatedAt DESC, r.sequence DESC
LIMIT 1
