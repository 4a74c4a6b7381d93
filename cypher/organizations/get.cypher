MATCH (o:Organization {id: $id})
RETURN o {.id, .name, .kind, .domain, .industry, createdAt: toString(o.createdAt), updatedAt: toString(o.updatedAt)} AS organization
