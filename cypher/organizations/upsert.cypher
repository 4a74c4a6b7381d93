// Creates or replaces an organization's allow-listed properties. Returns whether it was new.
OPTIONAL MATCH (existing:Organization {id: $id})
WITH existing IS NULL AS created
MERGE (o:Organization {id: $id})
SET o.name = $name,
    o.kind = $kind,
    o.domain = $domain,
    o.industry = $industry,
    o.createdAt = coalesce(o.createdAt, datetime($now)),
    o.updatedAt = datetime($now)
RETURN created,
       organizations.organization(o) AS organization
