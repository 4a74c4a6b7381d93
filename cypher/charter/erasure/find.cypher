// Erasure, first step: the people to erase as stored, with the name and email whose copies elsewhere must go too.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.name AS name, p.email AS email
ORDER BY id
