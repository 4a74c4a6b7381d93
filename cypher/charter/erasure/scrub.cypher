// Erasure: writes back the copies found by charter/erasure/copies with the erased people's data replaced (by
// Charter/Erasure.cs), property by property.
CALL () {
  UNWIND $keys AS u
  MATCH (k:ApiKey) WHERE elementId(k) = u.elementId
  SET k.name = u.name, k.createdBy = u.createdBy, k.personId = u.personId
}
CALL () {
  UNWIND $charters AS u
  MATCH (c:Charter) WHERE elementId(c) = u.elementId
  SET c.updatedBy = u.updatedBy
}
CALL () {
  UNWIND $answers AS u
  MATCH (r:IdempotencyRecord) WHERE elementId(r) = u.elementId
  SET r.body = u.body
}
CALL () {
  UNWIND $opportunities AS u
  MATCH (o:Opportunity) WHERE elementId(o) = u.elementId
  SET o.name = u.name, o.budgetNote = u.budgetNote, o.authorityNote = u.authorityNote, o.needNote = u.needNote,
      o.timingNote = u.timingNote
}
CALL () {
  UNWIND $interactions AS u
  MATCH (i:Interaction) WHERE elementId(i) = u.elementId
  SET i.countedPairs = u.countedPairs
}
RETURN true AS scrubbed
