// Revokes a key at once (the first revocation's time stays).
OPTIONAL MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
RETURN k IS NOT NULL AS found
