// Erasure, first step: the people to erase as stored, with the name and email whose copies elsewhere must go too.
// It takes the audit's lock first, so an audit batch is written either before the erasure (which scrubs it) or after
// it (and then scrubs itself: audit/record).
MERGE (lock:AuditLock {id: 'audit'})
SET lock.erasing = true
REMOVE lock.erasing
WITH lock
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.name AS name, p.email AS email
ORDER BY id
