// Takes a person off an opportunity's pursuit team; says whether the opportunity or the membership was missing.
OPTIONAL MATCH (o:Opportunity {id: $opportunityId})
OPTIONAL MATCH (person:Person {id: $personId})-[t:ON_TEAM]->(o)
WHERE charter.shown(person)
WITH t, CASE WHEN o IS NULL THEN 'opportunity-not-found' WHEN t IS NULL THEN 'member-not-found' ELSE 'ok' END AS outcome
DELETE t
RETURN outcome
