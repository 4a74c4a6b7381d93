// One batch of the chart's people: each person's reporting lines of the kinds their record states (person.kinds:
// solid for managerId, dotted for dottedManagerIds) become exactly those of the record; lines of other kinds stay.
UNWIND $people AS person
MATCH (p:Person {id: person.id})
CALL (p, person) {
  MATCH (p)-[line:REPORTS_TO]->(m:Person)
  WHERE line.kind IN person.kinds
    AND NOT any(wanted IN person.lines WHERE wanted.managerId = m.id AND wanted.kind = line.kind)
  DELETE line
}
CALL (p, person) {
  UNWIND person.lines AS wanted
  MATCH (m:Person {id: wanted.managerId})
  MERGE (p)-[line:REPORTS_TO]->(m)
  SET line.kind = wanted.kind, line.since = coalesce(line.since, datetime($now))
}
