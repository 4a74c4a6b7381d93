// Writes a person's allow-listed properties, after people/upsert-check allowed it and people/employ placed them at
// their organization. doNotContact left out (null) keeps what is stored. A new seniority, department or do-not-contact
// mark moves the organization's chart version on (its derived facts change). emailKey, the email in lower case, is what
// capture matches addresses on (cypher/schema/018-capture-email-key).
MATCH (p:Person {id: $id})
WITH p, [coalesce(p.seniority, ''), coalesce(p.department, ''), coalesce(p.doNotContact, false)]
        <> [coalesce($seniority, ''), coalesce($department, ''), coalesce($doNotContact, p.doNotContact, false)] AS reshaped
CALL (p, reshaped) {
  WITH p WHERE reshaped
  MATCH (p)-[:WORKS_AT]->(employer:Organization)
  SET employer.chartVersion = coalesce(employer.chartVersion, 0) + 1
}
SET p.name = $name,
    p.title = $title,
    p.email = $email,
    p.emailKey = toLower($email),
    p.department = $department,
    p.seniority = $seniority,
    p.doNotContact = coalesce($doNotContact, p.doNotContact, false),
    p.createdAt = coalesce(p.createdAt, datetime($now)),
    p.updatedAt = datetime($now)
// The answer is the record the caller wrote (the CRM keeps it, do-not-contact or not), its lines as $viewer may see them.
RETURN people.person(p) AS person
