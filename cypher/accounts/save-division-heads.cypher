// @bookkeeping: division heads are derived facts of the account's chart (Domain/Pursuit/CoverageFacts), saved with them
// Stores each changed person's division head (Person.divisionHeadId: the id of the reachable VP whose division they are
// in; removed when none), in the transaction that saved the account's facts. Coverage reads it for the people our side
// reaches; it is current when the account's facts are at its chart version. Someone who has moved on since the chart
// was read keeps what their new organization's facts store.
UNWIND $changes AS change
MATCH (p:Person {id: change.id})-[:WORKS_AT]->(:Organization {id: $organizationId})
SET p.divisionHeadId = change.headId
RETURN count(p) AS changed
