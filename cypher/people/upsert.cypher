// Creates or replaces a person's allow-listed properties and employer.
// Moving to another organization drops the person's reporting lines (lines stay inside one organization) and their
// buying-center and team memberships (they were about the old employer's deals);
// moving between our side and theirs is refused while the person has relationships (they only go ours → theirs).
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (existing:Person {id: $id})
OPTIONAL MATCH (existing)-[:WORKS_AT]->(previous:Organization)
WITH org, existing, previous,
     CASE
       WHEN org IS NULL THEN 'organization-not-found'
       WHEN previous IS NOT NULL AND (previous.kind = 'own') <> (org.kind = 'own') AND EXISTS { (existing)-[:KNOWS]-() }
         THEN 'side-change-with-relationships'
       ELSE 'ok'
     END AS outcome
OPTIONAL CALL (org, existing, previous, outcome) {
  WITH * WHERE outcome = 'ok'
  MERGE (p:Person {id: $id})
  SET p.name = $name,
      p.title = $title,
      p.email = $email,
      p.department = $department,
      p.seniority = $seniority,
      p.doNotContact = $doNotContact,
      p.createdAt = coalesce(p.createdAt, datetime($now)),
      p.updatedAt = datetime($now)
  WITH p, org, previous
  CALL (p, org, previous) {
    WITH * WHERE previous IS NOT NULL AND previous <> org
    MATCH (p)-[move:WORKS_AT]->(previous)
    DELETE move
    WITH p
    OPTIONAL MATCH (p)-[line:REPORTS_TO]-()
    DELETE line
    WITH DISTINCT p
    OPTIONAL MATCH (p)-[membership:IN_BUYING_CENTER|ON_TEAM]->(:Opportunity)
    DELETE membership
  }
  MERGE (p)-[:WORKS_AT]->(org)
  RETURN p
}
WITH outcome, existing IS NULL AS created, p
OPTIONAL MATCH (p)-[solid:REPORTS_TO {kind: 'solid'}]->(manager:Person)
OPTIONAL MATCH (p)-[:REPORTS_TO {kind: 'dotted'}]->(dotted:Person)
WITH outcome, created, p, manager, collect(dotted.id) AS dottedManagerIds
RETURN outcome, created,
       CASE WHEN p IS NULL THEN null ELSE p {.id, .name, organizationId: $organizationId, .title, .email, .department, .seniority,
         doNotContact: coalesce(p.doNotContact, false), managerId: manager.id, dottedManagerIds: dottedManagerIds,
         createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} END AS person
