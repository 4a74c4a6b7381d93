// One batch of the chart's people. doNotContact is not part of a chart: it keeps its stored value.
MATCH (org:Organization {id: $organizationId})
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
SET p.name = r.name,
    p.title = r.title,
    p.email = r.email,
    p.department = r.department,
    p.seniority = r.seniority,
    p.doNotContact = coalesce(p.doNotContact, false),
    p.createdAt = coalesce(p.createdAt, datetime($now)),
    p.updatedAt = datetime($now)
MERGE (p)-[:WORKS_AT]->(org)
