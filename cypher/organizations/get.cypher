MATCH (o:Organization {id: $id})
RETURN organizations.organization(o) AS organization
