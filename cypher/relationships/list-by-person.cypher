// One page of a person's relationships, by the other person's name: for one of ours whom they know, for a customer
// person who of ours knows them (KNOWS always points ours → theirs, so either end will do).
// Only what $viewer may see (see Viewer.cs) is listed and counted; do-not-contact people, as the person asked about or
// at the other end, only for viewers who see them (admins).
OPTIONAL MATCH (p:Person {id: $id})
WHERE $viewer.seesDoNotContact OR NOT coalesce(p.doNotContact, false)
OPTIONAL CALL (p) {
  MATCH (p)-[k:KNOWS]-(other:Person)
  WHERE ($viewer.seesDoNotContact OR NOT coalesce(other.doNotContact, false))
    AND ($viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
         OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds)
  WITH k, other ORDER BY other.name, other.id
  WITH collect(k) AS matched
  RETURN size(matched) AS total, matched[$skip..$skip + $limit] AS pageOfLines
}
UNWIND (CASE WHEN p IS NULL OR size(pageOfLines) = 0 THEN [null] ELSE pageOfLines END) AS k
WITH p, total, k, startNode(k) AS ours, endNode(k) AS theirs
WITH p, total, collect(CASE WHEN k IS NULL THEN null ELSE
       {ourPerson: ours {.id, .name}, theirPerson: theirs {.id, .name}, visibility: k.visibility, ownerId: k.ownerId,
        source: k.source, since: toString(k.since), declaredStrength: k.declaredStrength,
        interactionScoreSum: k.interactionScoreSum, scoreAsOf: toString(k.scoreAsOf), interactionCount: k.interactionCount,
        lastInteractionAt: toString(k.lastInteractionAt), updatedAt: toString(k.updatedAt)} END) AS items
RETURN p IS NOT NULL AS personExists, coalesce(total, 0) AS total, items
