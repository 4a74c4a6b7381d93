// Deletes an opportunity with its AT, buying-center and team lines; the people stay.
OPTIONAL MATCH (o:Opportunity {id: $id})
WITH o, o IS NOT NULL AS found
DETACH DELETE o
RETURN found
