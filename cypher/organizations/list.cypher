// One page of organizations, optionally of one kind, by name.
MATCH (o:Organization)
WHERE $kind IS NULL OR o.kind = $kind
WITH o ORDER BY o.name, o.id
WITH collect(o) AS matched
RETURN size(matched) AS total,
       [o IN matched[$skip..$skip + $limit] |
         organizations.organization(o)] AS items
