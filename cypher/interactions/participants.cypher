// Before recording: the positions of participant ids that name no one $viewer may see (unknown, or a do-not-contact
// person to anyone but admins: the same answer for both, so it confirms nothing).
UNWIND range(0, size($participantIds) - 1) AS position
OPTIONAL MATCH (p:Person {id: $participantIds[position]})
WHERE charter.shown(p)
WITH position, p ORDER BY position
RETURN [x IN collect(CASE WHEN p IS NULL THEN position END) WHERE x IS NOT NULL] AS missingPositions
