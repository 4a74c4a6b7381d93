// One page of API keys, newest first, never with their hash.
CALL () {
  MATCH (k:ApiKey)
  RETURN count(k) AS total
}
CALL () {
  MATCH (k:ApiKey)
  WITH k ORDER BY k.createdAt DESC, k.id
  SKIP $skip LIMIT $limit
  RETURN collect(k {.id, .name, .role, .personId, createdAt: toString(k.createdAt), .createdBy,
                    revokedAt: toString(k.revokedAt)}) AS items
}
RETURN total, items
