// Whether an account's derived facts (Domain/Pursuit/AccountFacts) are current before a refresh computes them again:
// the organization's chart version, the version and settings its facts were computed at (null: none yet), and how many
// people work there (a degree count, for sizing the refresh's lists).
MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
RETURN coalesce(org.chartVersion, 0) AS chartVersion, facts.chartVersion AS factsVersion, facts.settings AS settingsKey,
       COUNT { (org)<-[:WORKS_AT]-() } AS people
