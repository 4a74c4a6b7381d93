// One read of relationship data: who asked, when, where, and which relationships (ourPersonId|theirPersonId) it showed.
CREATE (:AuditEntry {id: $id, at: datetime($at), callerKeyId: $callerKeyId, callerKeyName: $callerKeyName,
                     callerRole: $callerRole, callerPersonId: $callerPersonId, method: $method, endpoint: $endpoint,
                     path: $path, relationships: $relationships, relationshipCount: size($relationships)})
