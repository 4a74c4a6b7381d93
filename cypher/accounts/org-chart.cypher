// The org chart of an organization, or of one division ($rootId and everyone below them along solid lines), at most
// $depth levels deep (the top, or the root, is level 0): the people $viewer may see (charter.shown: do-not-contact
// people to admins only), each as people.person shows them (managers the viewer may see), with their level and how our
// side reaches them directly (accounts.reaches), and the informal lines (influence, rapport) among them. The level of a
// person counts every step of the solid chain, seen or not, so a hidden manager leaves a gap rather than a wrong level.
// Counted first: beyond $maxPeople only the count is answered. A root the viewer may not see is not found (null);
// rootOrganizationId says where a found root works.
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (root:Person {id: $rootId})-[:WORKS_AT]->(rootEmployer:Organization)
WHERE charter.shown(root)
OPTIONAL CALL (org, root, rootEmployer) {
  WITH org WHERE $rootId IS NULL AND org IS NOT NULL
  MATCH (p:Person)-[:WORKS_AT]->(org)
  CALL (p) {
    MATCH chain = (p)-[:REPORTS_TO {kind: 'solid'}]->{0,50}(top:Person)
    WHERE NOT EXISTS { (top)-[:REPORTS_TO {kind: 'solid'}]->() }
    RETURN length(chain) AS level
    LIMIT 1
  }
  RETURN p, level
  UNION
  WITH org, root, rootEmployer WHERE $rootId IS NOT NULL AND root IS NOT NULL AND rootEmployer = org
  // Level by level, only $depth levels down: a VP's depth-2 chart touches their reports and theirs, never the
  // thousands further below (a pattern's bounds cannot be a parameter). A solid line back to the root ends the walk.
  WITH root, reduce(levels = [[root]], step IN range(1, $depth) |
         levels + [COLLECT { WITH levels, root UNWIND levels[-1] AS manager
                             MATCH (p:Person)-[:REPORTS_TO {kind: 'solid'}]->(manager) WHERE p <> root
                             RETURN DISTINCT p }]) AS levels
  UNWIND range(0, size(levels) - 1) AS level
  UNWIND levels[level] AS p
  RETURN p, level
}
WITH org, root, rootEmployer, p, level
ORDER BY level, p.name, p.id
WITH org, root, rootEmployer,
     collect(CASE WHEN p IS NOT NULL AND level <= $depth AND charter.shown(p) THEN {person: p, level: level} END) AS found
WITH org, root, rootEmployer, found, size(found) AS total
WITH org, root, rootEmployer, total, CASE WHEN total > $maxPeople THEN [] ELSE found END AS shown
WITH org, root, rootEmployer, total, shown, [f IN shown | f.person] AS onChart
RETURN org IS NOT NULL AS organizationExists, org.name AS organizationName, org.kind AS kind,
       charter.personRef(root) AS root, rootEmployer.id AS rootOrganizationId, total,
       COLLECT {
         UNWIND shown AS f
         WITH f.person AS person, f.level AS level
         ORDER BY level, person.name, person.id
         RETURN {person: people.person(person), level: level, reaches: accounts.reaches(person)}
       } AS people,
       COLLECT {
         UNWIND onChart AS a
         MATCH (a)-[line:INFLUENCES|RAPPORT]->(b:Person)
         WHERE b IN onChart
         WITH a, b, line ORDER BY a.id, b.id, type(line)
         RETURN {fromId: a.id, toId: b.id, type: CASE type(line) WHEN 'INFLUENCES' THEN 'influences' ELSE 'rapport' END,
                 kind: line.kind, strength: line.strength, sentiment: line.sentiment}
       } AS lines
