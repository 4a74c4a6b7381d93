// Capture: the people whose email is one of $addresses (lower-case), matched case-insensitively, whether each is one of
// ours and whether the charter lets them be reached (do-not-contact people are never recorded). Finds; creates no one.
MATCH (p:Person)
WHERE p.email IS NOT NULL AND toLower(p.email) IN $addresses
RETURN toLower(p.email) AS address, p.id AS id,
       EXISTS { (p)-[:WORKS_AT]->(:Organization {kind: 'own'}) } AS ours,
       charter.reachable(p) AS reachable
ORDER BY address, id
