// A claimed request failed before it could answer: its claim goes, so that a retry with the same key can run. The SET
// takes the record's write lock before the state is read: if the request's own commit is still under way (its answer was
// lost), this waits for it and then sees the answer stored, which stays for the retry to replay.
// @bookkeeping: freeing an Idempotency-Key changes no answer.
MATCH (r:IdempotencyRecord {key: $key})
SET r.releaseLock = true
WITH r, r.token = $token AND r.state = 'pending' AS ours
REMOVE r.releaseLock
WITH r WHERE ours
DELETE r
