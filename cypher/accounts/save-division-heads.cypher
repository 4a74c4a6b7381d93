// @bookkeeping: division heads are derived facts of the account's chart (Domain/Pursuit/CoverageFacts), saved with them
// Stores each changed person's division head (Person.divisionHeadId: the id of the reachable VP whose division they are
// in; removed when none), in batches before the account's facts are saved. Coverage reads it for the people our side
// reaches; it is current when the account's facts are at its chart version. Someone who has moved on since the chart
// was read keeps what their new organization's facts store. Each person is found by id and checked against the
// organization (never the other way round: the organization has every member).
MATCH (org:Organization {id: $organizationId})
UNWIND $changes AS change
MATCH (p:Person {id: change.id})
WHERE (p)-[:WORKS_AT]->(org)
SET p.divisionHeadId = change.headId
RETURN count(p) AS changed
