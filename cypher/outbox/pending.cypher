// The outbox: entries whose delivery is pending and free to claim (never claimed, or its lease ran out), oldest first,
// and how many are pending in all.
CALL () {
  MATCH (e:OutboxEntry) WHERE e.state = 'pending'
  RETURN count(e) AS pending
}
CALL () {
  MATCH (e:OutboxEntry) WHERE e.state = 'pending' AND coalesce(e.leaseUntil < datetime($now), true)
  WITH e ORDER BY e.createdAt, e.id LIMIT $limit
  RETURN collect(e.id) AS ids
}
RETURN pending, ids
