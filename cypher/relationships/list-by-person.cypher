// One page of a person's relationships, by the other person's name: for one of ours whom they know, for a customer
// person who of ours knows them (KNOWS always points ours → theirs, so either end will do). Only what the charter lets
// $viewer see is listed and counted, each in detail as charter.relationship shows it; personExists is false for a
// person the viewer may not see.
OPTIONAL MATCH (p:Person {id: $id})
WHERE charter.shown(p)
OPTIONAL CALL (p) {
  MATCH (p)-[k:KNOWS]-(other:Person)
  WHERE charter.shown(other) AND charter.seesRelationship(k)
  WITH k, other ORDER BY other.name, other.id
  WITH collect(k) AS matched
  RETURN size(matched) AS total, [k IN matched[$skip..$skip + $limit] | charter.relationship(k)] AS items
}
RETURN p IS NOT NULL AS personExists, coalesce(total, 0) AS total, coalesce(items, []) AS items
