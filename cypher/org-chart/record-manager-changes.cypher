// Before a chart's lines are written (its people are): a new solid manager for someone already in the organization is
// recorded in its changes feed, with the previous manager where there was one. The managers are linked, not copied,
// so erasing one of them leaves no trace in the feed.
UNWIND $rows AS r
MATCH (p:Person {id: r.id})-[:WORKS_AT]->(:Organization {id: $organizationId})
MATCH (newManager:Person {id: r.managerId})
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(previousManager:Person)
WITH p, newManager, previousManager
WHERE previousManager IS NULL OR previousManager <> newManager
CREATE (change:PersonChange {id: randomUUID(), kind: 'manager-changed', at: datetime($now),
                             organizationId: $organizationId})-[:ABOUT]->(p)
CREATE (change)-[:NEW_MANAGER]->(newManager)
FOREACH (m IN CASE WHEN previousManager IS NULL THEN [] ELSE [previousManager] END | CREATE (change)-[:PREVIOUS_MANAGER]->(m))
RETURN count(*) AS recorded
