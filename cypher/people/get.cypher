// One person; none for a person $viewer may not see (a do-not-contact person, to anyone but admins).
MATCH (p:Person {id: $id})
WHERE charter.shown(p)
RETURN people.person(p) AS person
