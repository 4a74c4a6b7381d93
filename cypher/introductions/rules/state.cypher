// introductions.state(x): introduction request x's state as of $charter.now: a request still waiting at its expiry is
// 'expired' from that moment on, whether or not the background sweep (introductions/expire) has stored it yet, so a
// read never has to write.
CASE WHEN x.state = 'requested' AND x.expiresAt <= datetime($charter.now) THEN 'expired' ELSE x.state END
