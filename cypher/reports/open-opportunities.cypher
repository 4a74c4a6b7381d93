// The opportunities still being pursued (opportunities.open), which reports cover by default.
MATCH (o:Opportunity)
WHERE opportunities.open(o)
RETURN o.id AS id
ORDER BY id
