// samePersonAs in an org chart: the person who left (samePersonAs) is the one the chart now sends under a new id, so
// their node takes the new id, with their history, our relationships with them and their do-not-contact mark. The
// plan checked every row first (the person left, is on the organization's side, the new id is free).
UNWIND $rows AS row
MATCH (p:Person {id: row.samePersonAs})
WHERE p.leftAt IS NOT NULL
SET p.id = row.id
