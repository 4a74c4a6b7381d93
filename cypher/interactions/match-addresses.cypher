// Capture: the people whose email is one of $addresses (lower-case), matched case-insensitively through the index on
// emailKey (the email in lower case: cypher/schema/018-capture-email-key), one seek per address; whether each is one of
// ours and whether the charter lets them be reached (do-not-contact people are never recorded). Finds; creates no one.
UNWIND $addresses AS address
MATCH (p:Person {emailKey: address})
RETURN address, p.id AS id,
       EXISTS { (p)-[:WORKS_AT]->(:Organization {kind: 'own'}) } AS ours,
       charter.reachable(p) AS reachable
ORDER BY address, id
