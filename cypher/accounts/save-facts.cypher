// @bookkeeping: derived facts follow the account's chart version (Organization.chartVersion), which the writes that change them move on
// Saves an account's derived facts computed at chart version $facts.chartVersion, unless facts of a later version
// were saved meanwhile (two refreshes racing).
MATCH (org:Organization {id: $organizationId})
MERGE (facts:AccountFacts {organizationId: org.id})
WITH facts
WHERE coalesce(facts.chartVersion, -1) <= $facts.chartVersion
SET facts += $facts
RETURN count(facts) AS saved
