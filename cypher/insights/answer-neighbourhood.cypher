// Whether everything an opportunity's answers can reach on the customer side works at its account: every buying-center
// member, and everyone within two reporting, influence or rapport lines of one (a warm path crosses at most two such
// lines to its target; the power map draws the lines among the members). Then only writes that concern that account
// (or every account) can change its answers; otherwise the answer cache follows every write for it.
MATCH (o:Opportunity {id: $id})-[:AT]->(org:Organization)
RETURN NOT EXISTS {
  MATCH (o)<-[:IN_BUYING_CENTER]-(:Person)-[:REPORTS_TO|INFLUENCES|RAPPORT]-{0,2}(near:Person)
  WHERE NOT (near)-[:WORKS_AT]->(org)
} AS local
