// Deletes an organization that nothing depends on any more (no people, no opportunities); says whether it did.
MATCH (o:Organization {id: $id})
WITH o, EXISTS { (:Person)-[:WORKS_AT]->(o) } OR EXISTS { (:Opportunity)-[:AT]->(o) } AS inUse
CALL (o, inUse) {
  WITH o WHERE NOT inUse
  OPTIONAL MATCH (facts:AccountFacts {organizationId: o.id})
  DETACH DELETE facts, o
}
RETURN NOT inUse AS deleted
