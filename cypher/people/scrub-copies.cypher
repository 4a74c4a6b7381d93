// After an erasure: copies of the person's personal data outside their node. $needles are their name and email;
// their id becomes [erased] where it names them. The audit keeps the fact of each read.
CALL () {
  MATCH (a:AuditEntry)
  WHERE a.callerPersonId = $id
     OR any(r IN a.relationships WHERE r STARTS WITH $id + '|' OR r ENDS WITH '|' + $id)
     OR any(segment IN split(a.path, '/') WHERE segment = $id)
     OR any(needle IN $needles WHERE a.callerKeyName CONTAINS needle OR a.path CONTAINS needle)
  SET a.relationships = [r IN a.relationships |
        CASE WHEN r STARTS WITH $id + '|' THEN '[erased]' + substring(r, size($id))
             WHEN r ENDS WITH '|' + $id THEN left(r, size(r) - size($id)) + '[erased]'
             ELSE r END],
      a.path = reduce(path = substring(reduce(acc = '', segment IN split(a.path, '/') |
                 acc + '/' + CASE WHEN segment = $id THEN '[erased]' ELSE segment END), 1),
                 needle IN $needles | replace(path, needle, '[erased]')),
      a.callerKeyName = reduce(name = a.callerKeyName, needle IN $needles | replace(name, needle, '[erased]')),
      a.callerPersonId = CASE WHEN a.callerPersonId = $id THEN '[erased]' ELSE a.callerPersonId END,
      a.erasedPersonData = true
}
// Keys that acted as the person stop working; names that mention them lose the mention.
CALL () {
  MATCH (k:ApiKey)
  WHERE k.personId = $id OR any(needle IN $needles WHERE k.name CONTAINS needle)
  SET k.revokedAt = CASE WHEN k.personId = $id THEN coalesce(k.revokedAt, datetime($now)) ELSE k.revokedAt END,
      k.personId = CASE WHEN k.personId = $id THEN '[erased]' ELSE k.personId END,
      k.name = reduce(name = k.name, needle IN $needles | replace(name, needle, '[erased]'))
}
// Stored answers of bulk calls (ids only, but an id may be an email) and free-text deal notes.
CALL () {
  MATCH (r:IdempotencyRecord)
  WHERE r.body CONTAINS '"' + $id + '"' OR any(needle IN $needles WHERE r.body CONTAINS needle)
  SET r.body = reduce(body = replace(r.body, '"' + $id + '"', '"[erased]"'), needle IN $needles | replace(body, needle, '[erased]'))
}
CALL () {
  MATCH (o:Opportunity)
  WHERE any(needle IN $needles WHERE
          any(note IN [o.budgetNote, o.authorityNote, o.needNote, o.timingNote, o.name] WHERE note CONTAINS needle))
  SET o.budgetNote = reduce(note = o.budgetNote, needle IN $needles | replace(note, needle, '[erased]')),
      o.authorityNote = reduce(note = o.authorityNote, needle IN $needles | replace(note, needle, '[erased]')),
      o.needNote = reduce(note = o.needNote, needle IN $needles | replace(note, needle, '[erased]')),
      o.timingNote = reduce(note = o.timingNote, needle IN $needles | replace(note, needle, '[erased]')),
      o.name = reduce(name = o.name, needle IN $needles | replace(name, needle, '[erased]'))
}
RETURN true AS scrubbed
