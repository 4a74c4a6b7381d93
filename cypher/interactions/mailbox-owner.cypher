// Capture: whether the mailbox's person is one of ours (only our people have calendars and mailboxes we import).
OPTIONAL MATCH (p:Person {id: $personId})
RETURN p IS NOT NULL AND charter.reachable(p) AS found,
       coalesce(EXISTS { (p)-[:WORKS_AT]->(:Organization {kind: 'own'}) }, false) AS ours
