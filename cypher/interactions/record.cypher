// Records interactions once each, keyed by id ($interactions: distinct ids, in id order so concurrent recordings take
// their locks in one order); a re-send must be the same interaction (time, kind, participants), else nothing is written
// and `same` is false. Each ours × theirs pair among an interaction's participants counts it once, when someone who may
// write that pair records it (charter.writes: a seller or manager counts only their own pairs; admin and integration
// keys all): its kind's decayed weight is added to the pair's relationship, created where absent, and to the pair's
// count of that kind (the factors of its learned strength). The pairs counted so far are kept on the interaction, so a
// colleague's re-send later counts theirs, never a pair twice.
// The token tells this request's own MERGE-create from one that found the interaction stored; the first SET takes the
// interaction's write lock, so concurrent recordings of one interaction count one after the other.
// For imports (a batch of a mailbox, the same few pairs again and again) the work is done once where it can be: whether a
// participant is ours is decided once per person of the batch, and each pair's relationship is found and written once
// per batch with the sum of its interactions' decayed weights (weights add up, so this is the same as one by one).
UNWIND $interactions AS x
MERGE (i:Interaction {id: x.id})
  ON CREATE SET i.at = datetime(x.at), i.kind = x.kind, i.recordedAt = datetime($now), i.recordingToken = $token,
                i.countedPairs = []
SET i.countingLock = true
WITH x, i, coalesce(i.recordingToken = $token, false) AS created
REMOVE i.recordingToken
WITH x, i, created
// A new interaction has no participants yet: each is linked once, without searching the person's other interactions.
CALL (x, i, created) {
  WITH * WHERE created
  UNWIND x.participantIds AS participantId
  WITH DISTINCT i, participantId
  MATCH (p:Person {id: participantId})
  CREATE (p)-[:PARTICIPATED_IN]->(i)
}
WITH x, i, created,
     created OR (i.at.epochMillis = datetime(x.at).epochMillis AND i.kind = x.kind
                 AND COLLECT { MATCH (p:Person)-[:PARTICIPATED_IN]->(i) RETURN p.id ORDER BY p.id } = x.sortedParticipantIds) AS same
WITH collect({x: x, i: i, created: created, same: same}) AS rows
CALL (rows) {
  UNWIND rows AS r
  WITH r.i AS i, r.x AS x WHERE r.same
  MATCH (p:Person)-[:PARTICIPATED_IN]->(i)
  WITH p, collect({i: i, weight: x.weight, source: x.source}) AS uses
  WITH p, uses, EXISTS { (p)-[:WORKS_AT]->(:Organization {kind: 'own'}) } AS ours
  UNWIND uses AS use
  WITH use.i AS i, use.weight AS weight, use.source AS source,
       collect(CASE WHEN ours THEN p END) AS ourPeople, collect(CASE WHEN NOT ours THEN p END) AS theirPeople
  UNWIND ourPeople AS ours
  UNWIND theirPeople AS theirs
  WITH i, weight, source, ours, theirs, ours.id + '|' + theirs.id AS pair
  WHERE NOT pair IN coalesce(i.countedPairs, [])
  WITH ours, theirs, pair, collect({i: i, weight: weight, source: source}) AS counted
  ORDER BY pair
  OPTIONAL MATCH (ours)-[prior:KNOWS]->(theirs)
  WITH ours, theirs, pair, counted, prior
  WHERE charter.writes(ours, prior)
  // The relationship found above is used as it is; only a missing one is merged (found again under its lock).
  CALL (ours, theirs, prior, counted) {
    WITH * WHERE prior IS NOT NULL
    RETURN prior AS k
    UNION
    WITH * WHERE prior IS NULL
    MERGE (ours)-[k:KNOWS]->(theirs)
      ON CREATE SET k.source = counted[0].source, k.ownerId = ours.id, k.visibility = $defaultVisibility, k.createdAt = datetime($now),
                    k.interactionScoreSum = 0.0, k.scoreAsOf = datetime($now), k.interactionCount = 0
    RETURN k
  }
  CALL (k, counted) {
    // The stored score carried on to now, plus each interaction's weight decayed by its age.
    WITH k, counted, charter.interactionScore(k) + reduce(sum = 0.0, c IN counted | sum + charter.decayed(c.weight, c.i.at)) AS score,
         reduce(last = null, c IN counted | CASE WHEN last IS NULL OR last < c.i.at THEN c.i.at ELSE last END) AS last
    SET k.interactionScoreSum = score,
        k.scoreAsOf = datetime($now),
        k.interactionCount = coalesce(k.interactionCount, 0) + size(counted),
        k.meetingCount = coalesce(k.meetingCount, 0) + size([c IN counted WHERE c.i.kind = 'meeting']),
        k.callCount = coalesce(k.callCount, 0) + size([c IN counted WHERE c.i.kind = 'call']),
        k.emailCount = coalesce(k.emailCount, 0) + size([c IN counted WHERE c.i.kind = 'email']),
        k.eventCount = coalesce(k.eventCount, 0) + size([c IN counted WHERE c.i.kind = 'event']),
        k.lastInteractionAt = CASE WHEN k.lastInteractionAt IS NULL OR k.lastInteractionAt < last THEN last ELSE k.lastInteractionAt END,
        k.updatedAt = datetime($now)
  }
  UNWIND counted AS c
  WITH c.i AS i, collect(pair) AS pairs
  SET i.countedPairs = coalesce(i.countedPairs, []) + pairs
}
UNWIND rows AS r
WITH r.x AS x, r.i AS i, r.created AS created, r.same AS same
REMOVE i.countingLock
WITH x, i, created, same
// The answer, one row per interaction in the order sent: whether it was new and the same, and (with $withPairs) the
// participants' relationships as $viewer may see them.
RETURN x.id AS id, created, same,
       CASE WHEN same AND $withPairs THEN COLLECT {
         MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person), (ours)-[k:KNOWS]->(theirs)
         WITH k, charter.relationship(k) AS shown
         WHERE shown IS NOT NULL
         WITH shown ORDER BY shown.ourPerson.id, shown.theirPerson.id
         RETURN shown
       } ELSE [] END AS pairs
