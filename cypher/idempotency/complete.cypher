// Stores the answer of a claimed request in its writing transaction, so the writes and the answer commit together;
// no row when the claim was lost (its lease ran out and another request took it over). Drops a batch of expired answers.
// @bookkeeping: the stored bulk answer changes no other answer; the writes beside it in its transaction move the graph version.
MATCH (r:IdempotencyRecord {key: $key})
WHERE r.token = $token AND r.state = 'pending'
SET r.state = 'done', r.status = $status, r.body = $body
REMOVE r.leaseUntil
WITH r
CALL () {
  MATCH (old:IdempotencyRecord) WHERE old.expiresAt <= datetime($now)
  WITH old LIMIT 1000
  DELETE old
}
RETURN r.key AS key
