// Whether PUT /api/people/{id} may write, before anything is: the organization exists; only people of other
// organizations than ours may be do-not-contact; moving between our side and theirs is refused while the person has
// relationships (they only go ours → theirs); and samePersonAs, a new record for someone who left, names a person who
// exists, has left (works nowhere now), is on the same side as the new organization, while the new id is not taken.
OPTIONAL MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (existing:Person {id: $id})
OPTIONAL MATCH (existing)-[job:WORKS_AT]->(previous:Organization)
OPTIONAL MATCH (same:Person {id: $samePersonAs})
WITH org, existing, job, previous, same,
     COLLECT { MATCH (same)-[former:WORKED_AT]->(formerEmployer:Organization)
               RETURN formerEmployer.kind ORDER BY former.until DESC LIMIT 1 }[0] AS sameFormerKind
RETURN
  CASE
    WHEN $samePersonAs IS NOT NULL AND same IS NULL THEN 'same-person-not-found'
    WHEN $samePersonAs IS NOT NULL AND existing IS NOT NULL THEN 'same-person-id-taken'
    WHEN $samePersonAs IS NOT NULL AND (same.leftAt IS NULL OR EXISTS { (same)-[:WORKS_AT]->(:Organization) }) THEN 'same-person-not-left'
    WHEN org IS NULL THEN 'organization-not-found'
    WHEN $samePersonAs IS NOT NULL AND (sameFormerKind = 'own') <> (org.kind = 'own') THEN 'same-person-other-side'
    WHEN org.kind = 'own' AND coalesce($doNotContact, existing.doNotContact, same.doNotContact, false) THEN 'ours-do-not-contact'
    WHEN previous IS NOT NULL AND (previous.kind = 'own') <> (org.kind = 'own') AND EXISTS { (existing)-[:KNOWS]-() }
      THEN 'side-change-with-relationships'
    WHEN previous IS NOT NULL AND previous <> org AND datetime($since) < job.since THEN 'joined-before-previous-job'
    ELSE 'ok'
  END AS outcome,
  existing IS NULL AS created
