// Whose relationships one of our people may see beyond their own and the company-wide ones:
// team owners = everyone on a pursuit team with them, plus their reports (solid and dotted lines, transitively);
// reports = their reports alone (for the charter's "managers see their reports' private relationships");
// shared = the relationships introducers shared with them by accepting their introduction requests, at the level
// each chose (an accepted one, and one that went on to be met); pending = their requests still waiting for an answer
// at $now, and since when.
OPTIONAL MATCH (me:Person {id: $personId})
CALL (me) {
  OPTIONAL MATCH (me)-[:ON_TEAM]->(:Opportunity)<-[:ON_TEAM]-(mate:Person)
  WHERE mate <> me
  RETURN collect(DISTINCT mate.id) AS teamMates
}
CALL (me) {
  OPTIONAL MATCH (report:Person)-[:REPORTS_TO*1..25]->(me)
  WHERE report <> me
  RETURN collect(DISTINCT report.id) AS reports
}
CALL (me) {
  OPTIONAL MATCH (me)<-[:REQUESTED_BY]-(x:Introduction)-[:THROUGH]->(o:Person), (x)-[:TO]->(t:Person)
  WHERE x.state IN ['accepted', 'met']
  WITH o, t, x ORDER BY o.id, t.id
  RETURN collect(CASE WHEN x IS NOT NULL THEN {ourId: o.id, theirId: t.id, share: x.share} END) AS shared
}
CALL (me) {
  OPTIONAL MATCH (me)<-[:REQUESTED_BY]-(x:Introduction {state: 'requested'})-[:THROUGH]->(o:Person), (x)-[:TO]->(t:Person)
  WHERE x.expiresAt > datetime($now)
  WITH o, t, x ORDER BY o.id, t.id
  RETURN collect(CASE WHEN x IS NOT NULL THEN {ourId: o.id, theirId: t.id, since: toString(x.requestedAt)} END) AS pending
}
RETURN me IS NOT NULL AS exists, teamMates, reports, shared, pending
