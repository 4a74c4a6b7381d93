// The caller behind a presented key (by the SHA-256 of the secret); revoked keys are no one.
MATCH (k:ApiKey {hash: $hash})
WHERE k.revokedAt IS NULL
RETURN k.id AS id, k.name AS name, k.role AS role, k.personId AS personId
