// Requests nobody answered by their expiry (the charter's introductions.expiryDays after they were made) expire: lazily,
// before any introduction is read or changed, so every answer sees them expired from that moment on.
MATCH (x:Introduction {state: 'requested'})
WHERE x.expiresAt <= datetime($now)
SET x.state = 'expired', x.closedAt = x.expiresAt
RETURN count(x) AS expired
