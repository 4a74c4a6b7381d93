// The account's chart changed (people, lines, seniority, do-not-contact marks): its chart version moves on, in the
// writing transaction, so its derived facts (Domain/Pursuit/AccountFacts) are refreshed before they are used again.
// Answers the new version and how many people work there, for the refresh the writer starts once it has committed.
UNWIND $organizationIds AS organizationId
MATCH (org:Organization {id: organizationId})
SET org.chartVersion = coalesce(org.chartVersion, 0) + 1
RETURN org.id AS organizationId, org.chartVersion AS chartVersion, COUNT { (org)<-[:WORKS_AT]-() } AS people
