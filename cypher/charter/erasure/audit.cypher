// Erasure: the audit keeps the fact of each read, not the erased people. An entry is found by the ids it names
// (personIds); each of $ids becomes [erased] where it stands whole — the caller's person, a segment of the path, an end
// of a relationship — and the key's name is taken again from the key (whose name charter/erasure/scrub may have
// changed). Runs after charter/erasure/scrub, in the erasing transaction, under the audit's lock.
// @bookkeeping: audit entries change no answer built from the CRM data (recommendations, paths, power maps).
MATCH (a:AuditEntry)
WHERE any(id IN coalesce(a.personIds, []) WHERE id IN $ids) OR a.callerKeyId IN $keyIds
OPTIONAL MATCH (key:ApiKey {id: a.callerKeyId})
SET a.callerKeyName = coalesce(key.name, a.callerKeyName),
    a.callerPersonId = CASE WHEN a.callerPersonId IN $ids THEN '[erased]' ELSE a.callerPersonId END,
    a.path = substring(reduce(path = '', segment IN split(a.path, '/') |
                              path + '/' + CASE WHEN segment IN $ids THEN '[erased]' ELSE segment END), 1),
    a.relationships = [r IN a.relationships |
                       reduce(pair = '', side IN split(r, '|') | pair + CASE WHEN pair = '' THEN '' ELSE '|' END +
                              CASE WHEN side IN $ids THEN '[erased]' ELSE side END)],
    a.erasedPersonData = CASE WHEN any(id IN coalesce(a.personIds, []) WHERE id IN $ids) THEN true ELSE a.erasedPersonData END,
    a.personIds = [id IN coalesce(a.personIds, []) WHERE NOT id IN $ids]
RETURN count(a) AS entries
