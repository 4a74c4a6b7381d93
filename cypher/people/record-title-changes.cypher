// Before people's fields are written (an org chart, PUT /api/people/{id}): a new title for someone already working at
// the organization is recorded in its changes feed (a title left out or cleared is not news).
UNWIND $rows AS r
MATCH (p:Person {id: r.id})-[:WORKS_AT]->(:Organization {id: $organizationId})
WITH p, r
WHERE r.title IS NOT NULL AND p.title IS NOT NULL AND r.title <> p.title
CREATE (:PersonChange {id: randomUUID(), kind: 'title-changed', at: datetime($now), organizationId: $organizationId,
                       previousTitle: p.title, title: r.title})-[:ABOUT]->(p)
RETURN count(*) AS recorded
