// Per introducer (admins): requests received, accepted (met ones included: they were accepted first), declined, met,
// and the median hours from request to the introducer's answer (null before any answer). Most requests first.
MATCH (x:Introduction)-[:THROUGH]->(o:Person)
WHERE charter.shown(o)
WITH o, collect(x) AS xs
CALL (xs) {
  UNWIND xs AS x
  WITH x WHERE x.answeredAt IS NOT NULL
  RETURN percentileCont((x.answeredAt.epochMillis - x.requestedAt.epochMillis) / 3600000.0, 0.5) AS medianHoursToAnswer
}
RETURN charter.personRef(o) AS introducer, size(xs) AS received,
       size([x IN xs WHERE x.acceptedAt IS NOT NULL]) AS accepted,
       size([x IN xs WHERE x.state = 'declined']) AS declined,
       size([x IN xs WHERE x.state = 'met']) AS met,
       medianHoursToAnswer
ORDER BY received DESC, introducer.id
