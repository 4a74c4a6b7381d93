// One of our people knows one of theirs. Fields left out (null) keep what is stored, so a re-sync without a strength
// never erases a declared one and never widens a visibility; a new relationship takes the defaults.
// updatedAt moves only when something changed, so a re-send changes nothing (and does not refresh a stale line).
// Rows are checked and written one by one; a row that fails its checks writes nothing and reports why.
// Who may write what is the charter's (charter.writes, charter.changesDetails; $writer is the person a seller or
// manager key acts as); people the viewer may not see are not found. $withRelationship: answer each stored
// relationship as the writer may see it (a single PUT shows it; null when the charter hides it); batches need only the
// outcomes.
// First every person the rows name is write-locked in one order of ids, so concurrent batches that share people (our
// busiest sellers know thousands) wait for one another instead of deadlocking on locks taken in row order.
CALL () {
  UNWIND $rows AS lockRow
  UNWIND [lockRow.ourPersonId, lockRow.theirPersonId] AS lockId
  WITH DISTINCT lockId ORDER BY lockId
  MATCH (locked:Person {id: lockId})
  SET locked.writeLock = true
  REMOVE locked.writeLock
}
UNWIND $rows AS r
OPTIONAL MATCH (ours:Person {id: r.ourPersonId}) WHERE charter.shown(ours)
OPTIONAL MATCH (ours)-[:WORKS_AT]->(oursOrg:Organization)
OPTIONAL MATCH (theirs:Person {id: r.theirPersonId}) WHERE charter.shown(theirs)
OPTIONAL MATCH (theirs)-[:WORKS_AT]->(theirsOrg:Organization)
OPTIONAL MATCH (owner:Person {id: r.ownerId}) WHERE charter.shown(owner)
OPTIONAL MATCH (owner)-[:WORKS_AT]->(ownerOrg:Organization)
// The stored relationship matters only to the rules of a seller or manager ($writer): admins and integrations write
// anything, and their bulk loads skip this look-up on our (dense) people.
OPTIONAL CALL (ours, theirs) {
  WITH * WHERE $writer IS NOT NULL
  MATCH (ours)-[prior:KNOWS]->(theirs)
  RETURN prior
}
WITH r, ours, theirs, prior,
     CASE
       WHEN ours IS NULL THEN 'our-person-not-found'
       WHEN theirs IS NULL THEN 'their-person-not-found'
       WHEN r.ownerId IS NOT NULL AND owner IS NULL THEN 'owner-not-found'
       WHEN coalesce(oursOrg.kind, '') <> 'own' THEN 'our-person-not-ours'
       WHEN coalesce(theirsOrg.kind, 'own') = 'own' THEN 'their-person-is-ours'
       WHEN r.ownerId IS NOT NULL AND coalesce(ownerOrg.kind, '') <> 'own' THEN 'owner-not-ours'
       WHEN NOT charter.writes(ours, prior) THEN 'not-yours'
       WHEN NOT charter.changesDetails(prior)
            AND (r.strength IS NOT NULL OR r.ownerId IS NOT NULL OR r.visibility IS NOT NULL OR r.since IS NOT NULL
                 OR r.source IS NOT NULL) THEN 'not-owner'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (r, ours, theirs, outcome) {
  WITH * WHERE outcome = 'ok'
  MERGE (ours)-[k:KNOWS]->(theirs)
    ON CREATE SET k.createdAt = datetime($now), k.interactionScoreSum = 0.0, k.scoreAsOf = datetime($now),
                  k.interactionCount = 0
  // Every stored relationship has updatedAt; one this MERGE created has none yet (an earlier row of the same batch may
  // have created it: then it has).
  WITH r, ours, k, k.updatedAt IS NULL AS created
  WITH r, k, created,
       coalesce(r.strength, k.declaredStrength) AS declared,
       CASE WHEN r.since IS NULL THEN k.since ELSE date(r.since) END AS since,
       coalesce(r.source, k.source, 'manual') AS source,
       coalesce(r.ownerId, k.ownerId, ours.id) AS ownerId,
       coalesce(r.visibility, k.visibility, $defaultVisibility) AS visibility
  WITH k, created, declared, since, source, ownerId, visibility,
       CASE WHEN created THEN true
            ELSE NOT coalesce(k.declaredStrength = declared, k.declaredStrength IS NULL AND declared IS NULL)
                 OR NOT coalesce(k.since = since, k.since IS NULL AND since IS NULL)
                 OR k.source <> source OR k.ownerId <> ownerId OR k.visibility <> visibility END AS changed
  SET k.declaredStrength = declared,
      k.since = since,
      k.source = source,
      k.ownerId = ownerId,
      k.visibility = visibility,
      k.updatedAt = CASE WHEN changed THEN datetime($now) ELSE k.updatedAt END
  RETURN created, CASE WHEN $withRelationship THEN charter.relationship(k) END AS relationship
}
RETURN r.index AS index, outcome, coalesce(created, false) AS created, relationship
