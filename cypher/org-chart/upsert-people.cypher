// One batch of the chart's people. A field the record does not state (r.sent) keeps its stored value, as does
// doNotContact, which is not part of a chart; a stated null clears. emailKey, the email in lower case, is what capture matches
// addresses on (cypher/schema/018-capture-email-key).
MATCH (org:Organization {id: $organizationId})
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
SET p.name = r.name,
    p.title = CASE WHEN 'title' IN r.sent THEN r.title ELSE p.title END,
    p.email = CASE WHEN 'email' IN r.sent THEN r.email ELSE p.email END,
    p.emailKey = toLower(CASE WHEN 'email' IN r.sent THEN r.email ELSE p.email END),
    p.department = CASE WHEN 'department' IN r.sent THEN r.department ELSE p.department END,
    p.seniority = CASE WHEN 'seniority' IN r.sent THEN r.seniority ELSE p.seniority END,
    p.doNotContact = coalesce(p.doNotContact, false),
    p.createdAt = coalesce(p.createdAt, datetime($now)),
    p.updatedAt = datetime($now)
MERGE (p)-[:WORKS_AT]->(org)
