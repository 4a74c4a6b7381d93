// Records interactions once each, keyed by id ($interactions: distinct ids, in id order so concurrent recordings take
// their locks in one order); a re-send must be the same interaction (time, kind, participants), else nothing is written
// and `same` is false. Each ours × theirs pair among an interaction's participants counts it once, when someone who may
// write that pair records it (charter.writes: a seller or manager counts only their own pairs; admin and integration
// keys all): its kind's decayed weight is added to the pair's relationship, created where absent, and to the pair's
// count of that kind (the factors of its learned strength). The pairs counted so far are kept on the interaction, so a
// colleague's re-send later counts theirs, never a pair twice.
// The token tells this request's own MERGE-create from one that found the interaction stored; the first SET takes the
// interaction's write lock, so concurrent recordings of one interaction count one after the other.
UNWIND $interactions AS x
MERGE (i:Interaction {id: x.id})
  ON CREATE SET i.at = datetime(x.at), i.kind = x.kind, i.recordedAt = datetime($now), i.recordingToken = $token,
                i.countedPairs = []
SET i.countingLock = true
WITH x, i, coalesce(i.recordingToken = $token, false) AS created
REMOVE i.recordingToken
WITH x, i, created
CALL (x, i, created) {
  WITH * WHERE created
  UNWIND x.participantIds AS participantId
  MATCH (p:Person {id: participantId})
  MERGE (p)-[:PARTICIPATED_IN]->(i)
}
WITH x, i, created,
     created OR (i.at.epochMillis = datetime(x.at).epochMillis AND i.kind = x.kind
                 AND COLLECT { MATCH (p:Person)-[:PARTICIPATED_IN]->(i) RETURN p.id ORDER BY p.id } = x.sortedParticipantIds) AS same
CALL (x, i, same) {
  WITH * WHERE same
  MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person)
  WHERE EXISTS { (ours)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
    AND NOT EXISTS { (theirs)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
  OPTIONAL MATCH (ours)-[prior:KNOWS]->(theirs)
  WITH x, i, ours, theirs, prior, ours.id + '|' + theirs.id AS pair
  WHERE charter.writes(ours, prior) AND NOT pair IN coalesce(i.countedPairs, [])
  CALL (x, i, ours, theirs) {
    MERGE (ours)-[k:KNOWS]->(theirs)
      ON CREATE SET k.source = x.source, k.ownerId = ours.id, k.visibility = $defaultVisibility, k.createdAt = datetime($now),
                    k.interactionScoreSum = 0.0, k.scoreAsOf = datetime($now), k.interactionCount = 0
    // The stored score carried on to now, plus this interaction's weight decayed by its age.
    WITH x, i, k, charter.interactionScore(k) + charter.decayed(x.weight, i.at) AS score
    SET k.interactionScoreSum = score,
        k.scoreAsOf = datetime($now),
        k.interactionCount = coalesce(k.interactionCount, 0) + 1,
        k.meetingCount = coalesce(k.meetingCount, 0) + CASE i.kind WHEN 'meeting' THEN 1 ELSE 0 END,
        k.callCount = coalesce(k.callCount, 0) + CASE i.kind WHEN 'call' THEN 1 ELSE 0 END,
        k.emailCount = coalesce(k.emailCount, 0) + CASE i.kind WHEN 'email' THEN 1 ELSE 0 END,
        k.eventCount = coalesce(k.eventCount, 0) + CASE i.kind WHEN 'event' THEN 1 ELSE 0 END,
        k.lastInteractionAt = CASE WHEN k.lastInteractionAt IS NULL OR k.lastInteractionAt < i.at THEN i.at ELSE k.lastInteractionAt END,
        k.updatedAt = datetime($now)
  }
  WITH i, collect(pair) AS counted
  SET i.countedPairs = coalesce(i.countedPairs, []) + counted
}
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
