// reports.people(r): how the people stored report r mentions (by id: r.mentionedIds) are named now, {id, name, title},
// for those the charter lets the report's audience ($viewer) see; the rest (marked do-not-contact since, or erased)
// are not there, and reading the report leaves them out (Features/Reports/ReportRedaction.cs).
COLLECT {
  MATCH (p:Person) WHERE p.id IN coalesce(r.mentionedIds, []) AND charter.shown(p)
  RETURN {id: p.id, name: p.name, title: p.title}
}
