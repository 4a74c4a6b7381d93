// One page of the audit, newest first, optionally since a time and by the caller's key name.
CALL () {
  MATCH (a:AuditEntry)
  WHERE ($since IS NULL OR a.at >= datetime($since)) AND ($callerKeyName IS NULL OR a.callerKeyName = $callerKeyName)
  RETURN count(a) AS total
}
CALL () {
  MATCH (a:AuditEntry)
  WHERE ($since IS NULL OR a.at >= datetime($since)) AND ($callerKeyName IS NULL OR a.callerKeyName = $callerKeyName)
  WITH a ORDER BY a.at DESC, a.id
  SKIP $skip LIMIT $limit
  RETURN collect(a {.id, at: toString(a.at), .callerKeyId, .callerKeyName, .callerRole, .callerPersonId, .method, .endpoint,
                    .path, .relationships}) AS items
}
RETURN total, items
