// Claims an Idempotency-Key for one request before it writes: the first request creates the record (the uniqueness
// constraint on key lets only one create it); the record's write lock, taken by the first SET, makes a concurrent
// claimer wait and then see the claim. A finished request's answer is kept until expiresAt; a claim whose request died
// before finishing is taken over once its lease runs out. The token tells this request's own claim from another's.
// @bookkeeping: an Idempotency-Key claim changes no answer; the request's own writes move the graph version.
MERGE (r:IdempotencyRecord {key: $key})
  ON CREATE SET r.token = $token, r.state = 'new'
SET r.claimLock = true
WITH r, r.token = $token AND r.state = 'new' AS created
WITH r, created OR r.expiresAt <= datetime($now) OR (r.state = 'pending' AND r.leaseUntil <= datetime($now)) AS claimed
SET r.token = CASE WHEN claimed THEN $token ELSE r.token END,
    r.requestHash = CASE WHEN claimed THEN $requestHash ELSE r.requestHash END,
    r.state = CASE WHEN claimed THEN 'pending' ELSE r.state END,
    r.status = CASE WHEN claimed THEN null ELSE r.status END,
    r.body = CASE WHEN claimed THEN null ELSE r.body END,
    r.createdAt = CASE WHEN claimed THEN datetime($now) ELSE r.createdAt END,
    r.expiresAt = CASE WHEN claimed THEN datetime($now) + duration({hours: $retentionHours}) ELSE r.expiresAt END,
    r.leaseUntil = CASE WHEN claimed THEN datetime($now) + duration({seconds: $leaseSeconds}) ELSE r.leaseUntil END
REMOVE r.claimLock
RETURN claimed, r.requestHash AS requestHash, r.state AS state, r.status AS status, r.body AS body
