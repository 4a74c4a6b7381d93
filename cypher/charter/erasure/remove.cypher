// Erasure: removes the people completely, in the erasing transaction. Every stored report that names one of them (by
// id: reports keep the ids they mention) goes with its delivery records; API keys acting as them are revoked at once;
// relationships they owned between others pass to the relationship's own person; the changes feeds' entries about them
// go (their employment history goes with their node; entries naming them as a manager lose that link); then each
// person goes with every line, relationship, membership and participation, and interactions left without participants
// go too. Introduction requests they asked for, were asked for or were the target of go with them. The derived facts of every organization they worked at go (they name people by id; they are recomputed when
// next used).
CALL () {
  UNWIND $ids AS id
  MATCH (:Person {id: id})-[:WORKS_AT|WORKED_AT]->(employer:Organization)
  WITH DISTINCT employer
  SET employer.chartVersion = coalesce(employer.chartVersion, 0) + 1
  WITH employer
  MATCH (facts:AccountFacts {organizationId: employer.id})
  DETACH DELETE facts
}
CALL () {
  UNWIND $ids AS id
  MATCH (x:Introduction)-[:REQUESTED_BY|THROUGH|TO]->(:Person {id: id})
  OPTIONAL MATCH (e:OutboxEntry {subjectId: x.id})
  OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt)
  DETACH DELETE d, e, x
}
CALL () {
  MATCH (r:Report)
  WHERE any(id IN r.mentionedIds WHERE id IN $ids)
  OPTIONAL MATCH (e:OutboxEntry {subjectId: r.id})
  OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt)
  DETACH DELETE d, e, r
}
CALL () {
  MATCH (k:ApiKey)
  WHERE k.personId IN $ids
  SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
}
CALL () {
  MATCH (ours:Person)-[k:KNOWS]->(:Person)
  WHERE k.ownerId IN $ids AND NOT ours.id IN $ids
  SET k.ownerId = ours.id
}
CALL () {
  UNWIND $ids AS id
  MATCH (change:PersonChange)-[:ABOUT]->(:Person {id: id})
  DETACH DELETE change
}
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(i:Interaction)
WITH p, collect(i) AS interactions
DETACH DELETE p
WITH interactions
UNWIND interactions AS i
WITH DISTINCT i
WHERE NOT EXISTS { (:Person)-[:PARTICIPATED_IN]->(i) }
DETACH DELETE i
RETURN count(*) AS interactionsRemoved
