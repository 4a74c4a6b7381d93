// Met introductions whose introduction.met event is not yet in the outbox (interactions/introductions-met marks them):
// unmarked here, in the transaction that puts their events in the outbox. The SET takes each one's write lock before the
// mark is read again, so of two instances sweeping at once only one tells of it.
// @bookkeeping: the mark changes no answer (the meeting's own write moved the graph version).
MATCH (x:Introduction {state: 'met'})
WHERE x.metUntold
SET x.toldLock = true
WITH x WHERE x.metUntold
REMOVE x.metUntold, x.toldLock
WITH x
MATCH (x)-[:THROUGH]->(o:Person), (x)-[:TO]->(t:Person)
RETURN x.id AS id, o.id AS introducerId, t.id AS targetId
