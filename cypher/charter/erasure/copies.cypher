// Erasure: the copies of the erased people's data in free text outside their nodes, in the properties that keep them —
// API keys (the person they act as, their names, who made them),
// the stored charter's author, stored bulk answers, deal names and notes, and the pairs an interaction counted. Stored
// reports and audit entries are not here: they keep ids (charter/erasure/remove, charter/erasure/audit). $needles are the people's ids, exact stored emails and names; these rows only find candidates (a plain
// substring), and Charter/Erasure.cs replaces whole words only, so unrelated text is left as it is.
CALL () {
  MATCH (k:ApiKey)
  WHERE any(n IN $needles WHERE k.name CONTAINS n OR k.createdBy CONTAINS n OR k.personId CONTAINS n)
  RETURN collect({elementId: elementId(k), id: k.id, name: k.name, createdBy: k.createdBy, personId: k.personId}) AS keys
}
CALL () {
  MATCH (c:Charter)
  WHERE any(n IN $needles WHERE c.updatedBy CONTAINS n)
  RETURN collect({elementId: elementId(c), updatedBy: c.updatedBy}) AS charters
}
CALL () {
  MATCH (r:IdempotencyRecord)
  WHERE any(n IN $needles WHERE r.body CONTAINS n)
  RETURN collect({elementId: elementId(r), body: r.body}) AS answers
}
CALL () {
  MATCH (o:Opportunity)
  WHERE any(n IN $needles WHERE any(text IN [o.name, o.budgetNote, o.authorityNote, o.needNote, o.timingNote] WHERE text CONTAINS n))
  RETURN collect({elementId: elementId(o), name: o.name, budgetNote: o.budgetNote, authorityNote: o.authorityNote,
                  needNote: o.needNote, timingNote: o.timingNote}) AS opportunities
}
CALL () {
  MATCH (i:Interaction)
  WHERE any(n IN $needles WHERE any(pair IN coalesce(i.countedPairs, []) WHERE pair CONTAINS n))
  RETURN collect({elementId: elementId(i), countedPairs: i.countedPairs}) AS interactions
}
RETURN keys, charters, answers, opportunities, interactions
