// Audit entries name the people they are about by id (personIds), which is how an erasure finds them. Entries written
// before get theirs from what they hold: the caller's person, the path's segments and the relationships' ends.
MATCH (a:AuditEntry) WHERE a.personIds IS NULL
SET a.personIds = [x IN split(coalesce(a.path, ''), '/') WHERE x <> '' AND x <> '[erased]']
                  + [x IN [a.callerPersonId] WHERE x IS NOT NULL AND x <> '[erased]']
                  + reduce(ends = [], r IN coalesce(a.relationships, []) | ends + [x IN split(r, '|') WHERE x <> '[erased]']);
