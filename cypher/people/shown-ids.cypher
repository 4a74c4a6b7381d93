// Which of these people $viewer may see (charter.shown), in the order given: an answer lists only those by id.
RETURN COLLECT {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})
  WHERE charter.shown(p)
  RETURN p.id
} AS ids
