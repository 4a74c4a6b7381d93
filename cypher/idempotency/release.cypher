// A claimed request failed before it wrote anything: its claim goes, so that a retry with the same key can run.
MATCH (r:IdempotencyRecord {key: $key})
WHERE r.token = $token AND r.state = 'pending'
DELETE r
