// One opportunity with its buying center and pursuit team, as $viewer may see them.
MATCH (o:Opportunity {id: $id})
RETURN opportunities.opportunity(o) AS opportunity
