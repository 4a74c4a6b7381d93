// One page of organizations matching a full-text search (Lucene syntax) over name, domain and industry.
CALL db.index.fulltext.queryNodes('organization_search', $search) YIELD node AS o, score
WHERE $kind IS NULL OR o.kind = $kind
WITH o, score ORDER BY score DESC, o.id
WITH collect(o) AS matched
RETURN size(matched) AS total,
       [o IN matched[$skip..$skip + $limit] |
         organizations.organization(o)] AS items
