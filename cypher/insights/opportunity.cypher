// What the answers for one opportunity start from: its buying center (the members that may be reached:
// charter.reachable), its pursuit team, the lines among those members for the power map, and the BANT declared on it
// with its close date for the qualification. A member who left the account (people.leftOrganization) is no member
// there any more: they are listed apart as departed (those who are not do-not-contact), for the member-left gap.
MATCH (o:Opportunity {id: $id})-[:AT]->(org:Organization)
RETURN o {.id, .name, organizationId: org.id, .stage} AS opportunity,
       {budget: CASE WHEN o.budgetStatus IS NULL THEN null ELSE {status: o.budgetStatus, note: o.budgetNote} END,
        authority: CASE WHEN o.authorityStatus IS NULL THEN null ELSE {status: o.authorityStatus, note: o.authorityNote} END,
        need: CASE WHEN o.needStatus IS NULL THEN null ELSE {status: o.needStatus, note: o.needNote} END,
        timing: CASE WHEN o.timingStatus IS NULL THEN null ELSE {status: o.timingStatus, note: o.timingNote} END,
        closeDate: toString(o.closeDate)} AS declared,
       COLLECT {
         MATCH (m:Person)-[b:IN_BUYING_CENTER]->(o)
         WHERE charter.reachable(m) AND NOT people.leftOrganization(m, org)
         WITH m, b ORDER BY m.id
         RETURN {person: m {.id, .name, .title}, seniority: m.seniority, roles: b.roles, attitude: b.attitude,
                 influence: coalesce(b.influence, 3), coach: coalesce(b.coach, false), favorsCompetitorId: b.favorsCompetitorId}
       } AS members,
       COLLECT {
         MATCH (m:Person)-[t:ON_TEAM]->(o)
         WHERE charter.reachable(m)
         WITH m, t ORDER BY m.id
         RETURN {personId: m.id, role: t.role}
       } AS team,
       COLLECT {
         MATCH (a:Person)-[:IN_BUYING_CENTER]->(o)
         MATCH (a)-[line:REPORTS_TO|INFLUENCES|RAPPORT]->(b:Person)-[:IN_BUYING_CENTER]->(o)
         WHERE charter.reachable(a) AND charter.reachable(b)
           AND NOT people.leftOrganization(a, org) AND NOT people.leftOrganization(b, org)
         WITH a, b, line ORDER BY a.id, b.id, type(line)
         RETURN {fromId: a.id, toId: b.id, type: CASE type(line) WHEN 'REPORTS_TO' THEN 'reports-to' WHEN 'INFLUENCES' THEN 'influences'
                   ELSE 'rapport' END,
                 kind: line.kind, strength: line.strength, sentiment: line.sentiment}
       } AS lines,
       COLLECT {
         MATCH (m:Person)-[b:IN_BUYING_CENTER]->(o)
         WHERE people.leftOrganization(m, org) AND charter.contactable(m)
         WITH m, b, COLLECT { MATCH (m)-[job:WORKED_AT]->(org) RETURN job.until ORDER BY job.until DESC LIMIT 1 }[0] AS leftAt
         ORDER BY leftAt DESC, m.id
         RETURN {person: m {.id, .name, .title}, roles: b.roles, attitude: b.attitude, coach: coalesce(b.coach, false),
                 leftAt: toString(leftAt), organizationName: org.name}
       } AS departed
