// One page of an organization's people changes, newest first: joins, departures, moves in and out, new titles and new
// solid managers as they were recorded, and possible moves — a joiner with the exact name of someone who left another
// organization within the year before and works nowhere now (only suggested: never merged by itself). Entries about
// people $viewer may not see (charter.shown: do-not-contact people to admins only) are neither listed nor counted;
// a manager or a possible match the viewer may not see is null (charter.personRef). organizationExists is false when
// the organization does not exist.
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL CALL (org) {
  CALL (org) {
    MATCH (c:PersonChange {organizationId: org.id})-[:ABOUT]->(p:Person)
    WHERE ($since IS NULL OR c.at >= datetime($since)) AND charter.shown(p)
    OPTIONAL MATCH (c)-[:PREVIOUS_MANAGER]->(previousManager:Person)
    OPTIONAL MATCH (c)-[:NEW_MANAGER]->(newManager:Person)
    RETURN {id: c.id, kind: c.kind, at: c.at, person: charter.personRef(p), otherOrganizationId: c.otherOrganizationId,
            previousTitle: c.previousTitle, title: c.title, previousManager: charter.personRef(previousManager),
            newManager: charter.personRef(newManager), possibleSamePerson: null} AS entry
    UNION
    MATCH (c:PersonChange {organizationId: org.id, kind: 'joined'})-[:ABOUT]->(p:Person)
    WHERE ($since IS NULL OR c.at >= datetime($since)) AND charter.shown(p)
    MATCH (q:Person {name: p.name})-[former:WORKED_AT]->(formerEmployer:Organization)
    WHERE q <> p AND q.leftAt IS NOT NULL AND formerEmployer <> org AND charter.shown(q)
      AND former.until <= c.at AND former.until >= c.at - duration({years: 1})
    WITH c, p, q, formerEmployer, max(former.until) AS until
    RETURN {id: c.id + '/' + q.id, kind: 'possible-move', at: c.at, person: charter.personRef(p),
            otherOrganizationId: formerEmployer.id, previousTitle: null, title: null, previousManager: null, newManager: null,
            possibleSamePerson: charter.personRef(q)} AS entry
  }
  WITH entry ORDER BY entry.at DESC, entry.id
  WITH collect(entry) AS entries
  RETURN size(entries) AS total, [e IN entries[$skip..$skip + $limit] | e {.*, at: toString(e.at)}] AS items
}
RETURN org IS NOT NULL AS organizationExists, coalesce(total, 0) AS total, coalesce(items, []) AS items
