// The outbox: reports whose webhook delivery is pending and free to claim (never claimed, or its lease ran out), oldest
// first, and how many are pending in all.
CALL () {
  MATCH (r:Report) WHERE r.delivery = 'pending'
  RETURN count(r) AS pending
}
CALL () {
  MATCH (r:Report) WHERE r.delivery = 'pending' AND coalesce(r.deliveryLeaseUntil < datetime($now), true)
  WITH r ORDER BY r.generatedAt, r.id LIMIT $limit
  RETURN collect(r.id) AS ids
}
RETURN pending, ids
