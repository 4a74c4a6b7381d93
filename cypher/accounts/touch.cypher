// The account's chart changed (people, lines, seniority, do-not-contact marks): its chart version moves on, in the
// writing transaction, so its derived facts (Domain/Pursuit/AccountFacts) are refreshed before they are used again.
UNWIND $organizationIds AS organizationId
MATCH (org:Organization {id: organizationId})
SET org.chartVersion = coalesce(org.chartVersion, 0) + 1
RETURN count(org) AS touched
