// Stores a new API key by the hash of its secret. seller/manager keys act as one of our people.
OPTIONAL MATCH (person:Person {id: $personId})
OPTIONAL MATCH (person)-[:WORKS_AT]->(employer:Organization)
WITH person, employer,
     CASE
       WHEN $personId IS NULL THEN 'ok'
       WHEN person IS NULL THEN 'person-not-found'
       WHEN coalesce(employer.kind, '') <> 'own' THEN 'person-not-ours'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (outcome) {
  WITH * WHERE outcome = 'ok'
  CREATE (k:ApiKey {id: $id, name: $name, role: $role, personId: $personId, hash: $hash, createdBy: $createdBy,
                    createdAt: datetime($now)})
  RETURN k {.id, .name, .role, .personId, createdAt: toString(k.createdAt), .createdBy, revokedAt: null} AS key
}
RETURN outcome, key
