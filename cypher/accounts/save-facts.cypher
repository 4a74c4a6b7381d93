// @bookkeeping: derived facts follow the account's chart version (Organization.chartVersion), which the writes that change them move on
// Saves an account's derived facts computed at chart version $facts.chartVersion, unless facts of a later version
// were saved meanwhile (two refreshes racing) or any facts were saved since the refresh read the chart ($generation:
// the division heads it compared with would be out of date). Each save moves the generation on.
MATCH (org:Organization {id: $organizationId})
MERGE (facts:AccountFacts {organizationId: org.id})
WITH facts
WHERE coalesce(facts.chartVersion, -1) <= $facts.chartVersion AND coalesce(facts.generation, 0) = $generation
SET facts += $facts, facts.generation = $generation + 1
RETURN count(facts) AS saved
