// The opportunities still being pursued (stage not closed-won or closed-lost), which reports cover by default.
MATCH (o:Opportunity)
WHERE NOT o.stage IN ['closed-won', 'closed-lost']
RETURN o.id AS id
ORDER BY id
