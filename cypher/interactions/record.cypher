// Records an interaction once, keyed by id, and on first recording adds its decayed weight to every ours × theirs pair
// among the participants (creating the KNOWS relationship where absent). One statement, so it counts once or not at all.
// The token tells this request's own MERGE-create from one that found the interaction already stored (a re-send, or a
// concurrent one the uniqueness constraint serialized).
MERGE (i:Interaction {id: $id})
  ON CREATE SET i.at = datetime($at), i.kind = $kind, i.recordedAt = datetime($now), i.recordingToken = $token
WITH i, coalesce(i.recordingToken = $token, false) AS created
REMOVE i.recordingToken
WITH i, created
CALL (i, created) {
  WITH * WHERE created
  UNWIND $participantIds AS participantId
  MATCH (p:Person {id: participantId})
  MERGE (p)-[:PARTICIPATED_IN]->(i)
}
CALL (i, created) {
  WITH * WHERE created
  MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person)
  WHERE EXISTS { (ours)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
    AND NOT EXISTS { (theirs)-[:WORKS_AT]->(:Organization {kind: 'own'}) }
  MERGE (ours)-[k:KNOWS]->(theirs)
    ON CREATE SET k.source = $source, k.ownerId = ours.id, k.visibility = $defaultVisibility, k.createdAt = datetime($now),
                  k.interactionScoreSum = 0.0, k.scoreAsOf = datetime($now), k.interactionCount = 0
  // Carry the stored score from scoreAsOf to now, then add this interaction's weight decayed by its age.
  WITH k,
       coalesce(k.interactionScoreSum, 0.0)
         * 0.5 ^ ((datetime($now).epochMillis - coalesce(k.scoreAsOf, datetime($now)).epochMillis) / 86400000.0 / $halfLifeDays)
       + $weight * 0.5 ^ ((datetime($now).epochMillis - datetime($at).epochMillis) / 86400000.0 / $halfLifeDays) AS score
  SET k.interactionScoreSum = score,
      k.scoreAsOf = datetime($now),
      k.learnedStrength = 1 - exp(-score),
      k.interactionCount = coalesce(k.interactionCount, 0) + 1,
      k.lastInteractionAt = CASE WHEN k.lastInteractionAt IS NULL OR k.lastInteractionAt < datetime($at)
                                 THEN datetime($at) ELSE k.lastInteractionAt END,
      k.updatedAt = datetime($now)
}
// The answer shows the interaction as stored and the current state of its pairs.
OPTIONAL MATCH (participant:Person)-[:PARTICIPATED_IN]->(i)
WITH i, created, participant ORDER BY participant.id
WITH i, created, collect(participant.id) AS participantIds
OPTIONAL MATCH (ours:Person)-[:PARTICIPATED_IN]->(i)<-[:PARTICIPATED_IN]-(theirs:Person), (ours)-[k:KNOWS]->(theirs)
WITH i, created, participantIds, ours, theirs, k ORDER BY ours.id, theirs.id
RETURN created,
       i {.id, at: toString(i.at), .kind, participantIds: participantIds} AS interaction,
       collect(CASE WHEN k IS NULL THEN null ELSE {ourPerson: ours {.id, .name}, theirPerson: theirs {.id, .name}, visibility: k.visibility, ownerId: k.ownerId,
          source: k.source, since: toString(k.since), declaredStrength: k.declaredStrength,
          interactionScoreSum: k.interactionScoreSum, scoreAsOf: toString(k.scoreAsOf), interactionCount: k.interactionCount,
          lastInteractionAt: toString(k.lastInteractionAt), updatedAt: toString(k.updatedAt)} END) AS pairs
