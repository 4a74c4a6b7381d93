// Records an interaction once, keyed by id; a re-send must be the same interaction (time, kind, participants), else
// nothing is written and `same` is false. Each ours × theirs pair among the participants counts it once, when someone
// who may write that pair records it (charter.writes: a seller or manager counts only their own pairs; admin and
// integration keys all): its decayed weight is added to the pair's relationship, created where absent. The pairs
// counted so far are kept on the interaction, so a colleague's re-send later counts theirs, never a pair twice.
// The token tells this request's own MERGE-create from one that found the interaction stored; the first SET takes the
// interaction's write lock, so concurrent recordings of one interaction count one after the other.
MERGE (i:Interaction {id: $id})
  ON CREATE SET i.at = datetime($at), i.kind = $kind, i.recordedAt = datetime($now), i.recordingToken = $token,
                i.countedPairs = []
SET i.countingLock = true
WITH i, coalesce(i.recordingToken = $token, false) AS created
REMOVE i.recordingToken
WITH i, created
CALL (i, created) {
  WITH * WHERE created
  UNWIND $participantIds AS participantId
  MATCH (p:Person {id: participantId})
  MERGE (p)-[:PARTICIPATED_IN]->(i)
}
WITH i, created,
     created OR (i.at.epochMillis = datetime($at).epochMillis AND i.kind = $kind
                 AND COLLECT { MATCH (x:Person)-[:PARTICIPATED_IN]->(i) RETURN x.id ORDER BY x.id } = $sortedParticipantIds) AS same
CALL (i, same) {
  WITH * WHERE same
  MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person)
  WHERE EXISTS { (ours)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
    AND NOT EXISTS { (theirs)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
  OPTIONAL MATCH (ours)-[prior:KNOWS]->(theirs)
  WITH i, ours, theirs, prior, ours.id + '|' + theirs.id AS pair
  WHERE charter.writes(ours, prior) AND NOT pair IN coalesce(i.countedPairs, [])
  CALL (i, ours, theirs) {
    MERGE (ours)-[k:KNOWS]->(theirs)
      ON CREATE SET k.source = $source, k.ownerId = ours.id, k.visibility = $defaultVisibility, k.createdAt = datetime($now),
                    k.interactionScoreSum = 0.0, k.scoreAsOf = datetime($now), k.interactionCount = 0
    // The stored score carried on to now, plus this interaction's weight decayed by its age.
    WITH i, k, charter.interactionScore(k) + charter.decayed($weight, i.at) AS score
    SET k.interactionScoreSum = score,
        k.scoreAsOf = datetime($now),
        k.interactionCount = coalesce(k.interactionCount, 0) + 1,
        k.lastInteractionAt = CASE WHEN k.lastInteractionAt IS NULL OR k.lastInteractionAt < i.at THEN i.at ELSE k.lastInteractionAt END,
        k.updatedAt = datetime($now)
  }
  WITH i, collect(pair) AS counted
  SET i.countedPairs = coalesce(i.countedPairs, []) + counted
}
REMOVE i.countingLock
WITH i, created, same
// The answer: whether it was new and the same, and the participants' relationships as $viewer may see them.
RETURN created, same,
       CASE WHEN same THEN COLLECT {
         MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person), (ours)-[k:KNOWS]->(theirs)
         WITH k, charter.relationship(k) AS shown
         WHERE shown IS NOT NULL
         WITH shown ORDER BY shown.ourPerson.id, shown.theirPerson.id
         RETURN shown
       } ELSE [] END AS pairs
