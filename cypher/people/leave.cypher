// People leave an organization (an org-chart replace left them out): they stay in the graph with everything we know
// of them, but their job there ends — WORKS_AT becomes a WORKED_AT {title, from, until} of their employment history,
// their solid and dotted lines (to managers and from reports) end, they get leftAt, and the organization's changes
// feed records the departure; API keys acting as them are revoked (one of ours who left acts as nobody). Ids not
// working at the organization are skipped.
UNWIND $ids AS id
MATCH (p:Person {id: id})-[job:WORKS_AT]->(org:Organization {id: $organizationId})
CREATE (p)-[:WORKED_AT {title: p.title, from: coalesce(job.since, p.createdAt), until: datetime($now)}]->(org)
DELETE job
SET p.leftAt = datetime($now), p.updatedAt = datetime($now)
CREATE (:PersonChange {id: randomUUID(), kind: 'left', at: datetime($now), organizationId: org.id})-[:ABOUT]->(p)
WITH p
CALL (p) {
  MATCH (p)-[line:REPORTS_TO]-(:Person)
  DELETE line
}
CALL (p) {
  MATCH (k:ApiKey {personId: p.id})
  SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
}
RETURN count(p) AS left
