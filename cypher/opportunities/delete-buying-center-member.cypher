// Takes a person out of an opportunity's buying center; says whether the opportunity or the membership was missing.
OPTIONAL MATCH (o:Opportunity {id: $opportunityId})
OPTIONAL MATCH (person:Person {id: $personId})-[m:IN_BUYING_CENTER]->(o)
WHERE charter.shown(person)
WITH m, CASE WHEN o IS NULL THEN 'opportunity-not-found' WHEN m IS NULL THEN 'member-not-found' ELSE 'ok' END AS outcome
DELETE m
RETURN outcome
