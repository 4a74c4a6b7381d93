// Runs in the erasure of a person, before the person goes: every stored report that mentions them (by id, or their
// name anywhere in the payload) is deleted with its delivery records, so no report keeps their name.
OPTIONAL MATCH (p:Person {id: $id})
WITH p
MATCH (r:Report)
WHERE $id IN r.mentionedIds OR (p IS NOT NULL AND p.name IS NOT NULL AND r.payload CONTAINS p.name)
CALL (r) {
  MATCH (r)<-[:OF]-(d:ReportDelivery)
  DETACH DELETE d
}
DETACH DELETE r
RETURN count(r) AS deleted
