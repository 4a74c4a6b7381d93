// Writes a batch of audit entries: who asked, when, where, and which relationships (ourPersonId|theirPersonId) each
// answer showed, and the ids of the people it names (personIds: what an erasure finds it by). Under the audit's lock, which an erasure takes too, so a batch is written either before an erasure
// (which then scrubs it) or after it: then the ids of the people an entry names who are gone are replaced by
// [erased], and the key's name is taken as it is now (an erasure scrubs key names).
// @bookkeeping: audit entries change no answer built from the CRM data (recommendations, paths, power maps).
MERGE (lock:AuditLock {id: 'audit'})
SET lock.writing = true
REMOVE lock.writing
WITH lock
UNWIND $entries AS e
OPTIONAL MATCH (key:ApiKey {id: e.callerKeyId})
WITH e, key, [id IN e.personIds WHERE NOT EXISTS { MATCH (:Person {id: id}) }] AS gone
CREATE (:AuditEntry {
  id: e.id, at: datetime(e.at), callerKeyId: e.callerKeyId, callerKeyName: coalesce(key.name, e.callerKeyName),
  callerRole: e.callerRole, callerPersonId: CASE WHEN e.callerPersonId IN gone THEN '[erased]' ELSE e.callerPersonId END,
  method: e.method, endpoint: e.endpoint,
  path: substring(reduce(path = '', segment IN split(e.path, '/') |
                         path + '/' + CASE WHEN segment IN gone THEN '[erased]' ELSE segment END), 1),
  relationships: [r IN e.relationships |
                  reduce(pair = '', side IN split(r, '|') | pair + CASE WHEN pair = '' THEN '' ELSE '|' END +
                         CASE WHEN side IN gone THEN '[erased]' ELSE side END)],
  relationshipCount: size(e.relationships),
  personIds: [id IN e.personIds WHERE NOT id IN gone],
  erasedPersonData: CASE WHEN size(gone) > 0 THEN true END})
