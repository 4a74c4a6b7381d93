// Whether the person a single-sign-on token acts as is one of ours (of an organization of kind own), as a seller or
// manager caller must be. Looked up on every call, so an erased person's tokens stop working at once.
OPTIONAL MATCH (p:Person {id: $personId})-[:WORKS_AT]->(:Organization {kind: 'own'})
RETURN p IS NOT NULL AS ours
