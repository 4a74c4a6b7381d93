// The people changes of an organization (the deal's account) after $since (the previous report: its changes were in it) up to $until, oldest first, for a report:
// joins, departures, moves in and out, new titles and new solid managers, as recorded (people/employ, people/leave,
// people/record-title-changes, the org chart's sync). Changes about people the report's audience ($viewer) may not see
// (charter.shown: do-not-contact people to admins only) are left out; a new manager it may not see is null.
// Reports store the ids; names are read through today's charter (reports.people).
MATCH (c:PersonChange {organizationId: $organizationId})-[:ABOUT]->(p:Person)
WHERE c.at > datetime($since) AND c.at <= datetime($until) AND charter.shown(p)
OPTIONAL MATCH (c)-[:NEW_MANAGER]->(newManager:Person)
WITH c, p, newManager ORDER BY c.at, c.id
RETURN c.kind AS kind, toString(c.at) AS at, charter.personRef(p) AS person, c.otherOrganizationId AS otherOrganizationId,
       c.previousTitle AS previousTitle, c.title AS title, charter.personRef(newManager) AS newManager
