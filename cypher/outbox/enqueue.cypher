// Puts webhook deliveries in the outbox, one per subject id: what ($kind) about which subject, where to ($url; null:
// where the kind's renderer says when it is sent), pending from $now. Run in the transaction of the change it reports,
// so a change is never stored without the promise to tell of it. Entries carry ids only: the payload is made, through
// today's charter, when the entry is sent.
// @bookkeeping: an outbox entry changes no answer.
UNWIND $subjectIds AS subjectId
CREATE (e:OutboxEntry {id: 'out-' + randomUUID(), kind: $kind, subjectId: subjectId, url: $url, state: 'pending',
                       createdAt: datetime($now)})
RETURN count(e) AS enqueued
