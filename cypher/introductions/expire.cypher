// Requests nobody answered by their expiry (the charter's introductions.expiryDays after they were made) expire: stored
// by the background sweep and before any step that depends on the state (reads already see them expired:
// introductions.state). The SET takes each request's write lock before its state is read again, so of two instances
// sweeping at once only one expires it (and tells of it). Answers the requests it expired, for their events and audit.
MATCH (x:Introduction {state: 'requested'})
WHERE x.expiresAt <= datetime($now)
SET x.expiryLock = true
WITH x WHERE x.state = 'requested'
SET x.state = 'expired', x.closedAt = x.expiresAt
REMOVE x.expiryLock
WITH x
MATCH (x)-[:THROUGH]->(o:Person), (x)-[:TO]->(t:Person)
RETURN x.id AS id, o.id AS introducerId, t.id AS targetId
