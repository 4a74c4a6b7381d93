// Remembers the answer to a request sent with an Idempotency-Key, and drops a batch of expired answers.
MERGE (r:IdempotencyRecord {key: $key})
SET r.requestHash = $requestHash, r.status = $status, r.body = $body,
    r.createdAt = datetime($now), r.expiresAt = datetime($now) + duration({hours: $retentionHours})
WITH 1 AS done
CALL () {
  MATCH (old:IdempotencyRecord) WHERE old.expiresAt <= datetime($now)
  WITH old LIMIT 1000
  DELETE old
}
RETURN done
