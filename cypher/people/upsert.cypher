// Creates or replaces a person's allow-listed properties and employer. doNotContact left out (null) keeps what is
// stored; only people of other organizations may be do-not-contact (the charter keeps customers from being reached).
// Moving to another organization drops the person's reporting lines (lines stay inside one organization) and their
// buying-center and team memberships (they were about the old employer's deals);
// moving between our side and theirs is refused while the person has relationships (they only go ours → theirs).
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (existing:Person {id: $id})
OPTIONAL MATCH (existing)-[:WORKS_AT]->(previous:Organization)
WITH org, existing, previous,
     CASE
       WHEN org IS NULL THEN 'organization-not-found'
       WHEN org.kind = 'own' AND coalesce($doNotContact, existing.doNotContact, false) THEN 'ours-do-not-contact'
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
      p.doNotContact = coalesce($doNotContact, p.doNotContact, false),
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
// The answer is the record the caller wrote (the CRM keeps it, do-not-contact or not), its lines as $viewer may see them.
RETURN outcome, existing IS NULL AS created, CASE WHEN p IS NULL THEN null ELSE people.person(p) END AS person
