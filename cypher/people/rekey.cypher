// samePersonAs: the person who left ($samePersonAs) is the one a CRM now sends under a new id: their node takes the
// new id, so their history, our relationships with them and their do-not-contact mark are theirs under it.
MATCH (p:Person {id: $samePersonAs})
SET p.id = $id
RETURN p.id AS id
