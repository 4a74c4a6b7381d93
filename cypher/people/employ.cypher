// People start at an organization, before their fields are written: each id not yet working there gets a WORKS_AT
// {since}, a person new to the graph is created (the caller then writes their fields). Someone working elsewhere
// moves: the old job becomes a WORKED_AT {title, from, until} of their history, their reporting lines and pursuit-team
// places end (lines stay inside one organization), and both organizations' changes feeds record the move. Someone who
// had left re-appears: a move in from the organization they left last, or a join where that is this organization.
// Relationships, buying-center memberships and the do-not-contact mark stay with the person. Joins are not recorded
// when $recordJoins is false (an organization's first import is not news). Both organizations' chart versions move on
// (their derived facts, Domain/Pursuit/AccountFacts, change).
MATCH (org:Organization {id: $organizationId})
UNWIND $ids AS id
MERGE (p:Person {id: id})
ON CREATE SET p.createdAt = datetime($now), p.doNotContact = false
WITH org, p
WHERE NOT EXISTS { (p)-[:WORKS_AT]->(org) }
OPTIONAL MATCH (p)-[job:WORKS_AT]->(previous:Organization)
WITH org, p, job, previous,
     coalesce(previous.id, CASE WHEN p.leftAt IS NOT NULL THEN COLLECT {
       MATCH (p)-[former:WORKED_AT]->(formerEmployer:Organization)
       RETURN formerEmployer.id ORDER BY former.until DESC LIMIT 1 }[0] END) AS fromId
CALL (p, job, previous, org) {
  WITH * WHERE job IS NOT NULL
  CREATE (p)-[:WORKED_AT {title: p.title, from: coalesce(job.since, p.createdAt), until: datetime($since)}]->(previous)
  DELETE job
  SET previous.chartVersion = coalesce(previous.chartVersion, 0) + 1
  CREATE (:PersonChange {id: randomUUID(), kind: 'moved-out', at: datetime($since), organizationId: previous.id,
                         otherOrganizationId: org.id})-[:ABOUT]->(p)
  WITH p
  CALL (p) {
    MATCH (p)-[line:REPORTS_TO]-(:Person)
    DELETE line
  }
  CALL (p) {
    MATCH (p)-[team:ON_TEAM]->(:Opportunity)
    DELETE team
  }
}
CREATE (p)-[:WORKS_AT {since: datetime($since)}]->(org)
SET org.chartVersion = coalesce(org.chartVersion, 0) + 1
REMOVE p.leftAt
WITH org, p, fromId
CALL (org, p, fromId) {
  WITH * WHERE fromId IS NOT NULL AND fromId <> org.id
  CREATE (:PersonChange {id: randomUUID(), kind: 'moved-in', at: datetime($since), organizationId: org.id,
                         otherOrganizationId: fromId})-[:ABOUT]->(p)
}
CALL (org, p, fromId) {
  WITH * WHERE (fromId IS NULL OR fromId = org.id) AND $recordJoins
  CREATE (:PersonChange {id: randomUUID(), kind: 'joined', at: datetime($since), organizationId: org.id})-[:ABOUT]->(p)
}
RETURN count(p) AS employed
