// Before recording: does the interaction exist already, and which participant ids (by position) are unknown.
OPTIONAL MATCH (existing:Interaction {id: $id})
WITH existing IS NOT NULL AS interactionExists
UNWIND range(0, size($participantIds) - 1) AS position
OPTIONAL MATCH (p:Person {id: $participantIds[position]})
WITH interactionExists, position, p ORDER BY position
RETURN interactionExists, [x IN collect(CASE WHEN p IS NULL THEN position END) WHERE x IS NOT NULL] AS missingPositions
