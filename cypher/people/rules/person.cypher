// people.person(p): person p as answers show them, with the solid and dotted managers $viewer may see (a
// do-not-contact manager is not named to anyone but admins), when they left (null while they work somewhere) and
// their employment history, oldest first (the current job has no until). Someone who left shows the organization
// they left last.
p {.id, .name,
   organizationId: coalesce(
     COLLECT { MATCH (p)-[:WORKS_AT]->(personEmployer:Organization) RETURN personEmployer.id }[0],
     COLLECT { MATCH (p)-[formerJob:WORKED_AT]->(formerEmployer:Organization)
               RETURN formerEmployer.id ORDER BY formerJob.until DESC LIMIT 1 }[0]),
   .title, .email, .department, .seniority, doNotContact: coalesce(p.doNotContact, false),
   managerId: COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'solid'}]->(solidManager:Person) WHERE charter.shown(solidManager)
                        RETURN solidManager.id }[0],
   dottedManagerIds: COLLECT { MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dottedManager:Person) WHERE charter.shown(dottedManager)
                               RETURN dottedManager.id ORDER BY dottedManager.id },
   leftAt: toString(p.leftAt),
   employment: COLLECT { MATCH (p)-[job:WORKS_AT|WORKED_AT]->(jobEmployer:Organization)
                         WITH jobEmployer, job, coalesce(job.since, job.from, p.createdAt) AS jobFrom
                         ORDER BY jobFrom, job.until
                         RETURN {organizationId: jobEmployer.id,
                                 title: CASE WHEN type(job) = 'WORKS_AT' THEN p.title ELSE job.title END,
                                 from: toString(jobFrom), until: toString(job.until)} },
   createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)}
