// What the answers for one opportunity start from: its buying center (without do-not-contact people, who never
// appear in an answer), its pursuit team, and the lines among the members for the power map.
MATCH (o:Opportunity {id: $id})-[:AT]->(org:Organization)
RETURN o {.id, .name, organizationId: org.id, .stage} AS opportunity,
       COLLECT {
         MATCH (m:Person)-[b:IN_BUYING_CENTER]->(o)
         WHERE NOT coalesce(m.doNotContact, false)
         WITH m, b ORDER BY m.id
         RETURN {person: m {.id, .name, .title}, seniority: m.seniority, roles: b.roles, attitude: b.attitude,
                 influence: coalesce(b.influence, 3), coach: coalesce(b.coach, false), favorsCompetitorId: b.favorsCompetitorId}
       } AS members,
       COLLECT {
         MATCH (m:Person)-[t:ON_TEAM]->(o)
         WITH m, t ORDER BY m.id
         RETURN {personId: m.id, role: t.role}
       } AS team,
       COLLECT {
         MATCH (a:Person)-[:IN_BUYING_CENTER]->(o)
         MATCH (a)-[line:REPORTS_TO|INFLUENCES|RAPPORT]->(b:Person)-[:IN_BUYING_CENTER]->(o)
         WHERE NOT coalesce(a.doNotContact, false) AND NOT coalesce(b.doNotContact, false)
         WITH a, b, line ORDER BY a.id, b.id, type(line)
         RETURN {fromId: a.id, toId: b.id, type: CASE type(line) WHEN 'REPORTS_TO' THEN 'reports-to' WHEN 'INFLUENCES' THEN 'influences'
                   ELSE 'rapport' END,
                 kind: line.kind, strength: line.strength, sentiment: line.sentiment}
       } AS lines
