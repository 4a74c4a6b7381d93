MATCH (r:IdempotencyRecord {key: $key})
WHERE r.expiresAt > datetime($now)
RETURN r.requestHash AS requestHash, r.status AS status, r.body AS body
