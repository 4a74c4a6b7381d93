// The versions an opportunity's cached answers are kept under (Features/Insights/AnswerCache): its account and that
// account's version (moved by the writes that concern it), the version that every write concerning every account moves
// ($everywhere: its counters), and the whole graph's (moved by every write).
OPTIONAL MATCH (:Opportunity {id: $id})-[:AT]->(org:Organization)
OPTIONAL MATCH (account:AccountVersion {id: org.id})
CALL () {
  OPTIONAL MATCH (v:GraphVersion)
  RETURN coalesce(sum(v.value), 0) AS graph
}
CALL () {
  OPTIONAL MATCH (g:AccountVersion) WHERE g.id IN $everywhere
  RETURN coalesce(sum(g.value), 0) AS everywhere
}
RETURN org.id AS accountId, coalesce(account.value, 0) AS account, everywhere, graph
