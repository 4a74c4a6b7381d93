// charter.introduces(k): whether relationship k, hidden from $viewer, may still serve as "ask its owner for an
// introduction": only where the charter allows introductions and the owner is the one who knows the person. Such a
// route carries a fixed trust and nothing else about k.
NOT charter.seesRelationship(k) AND coalesce($viewer.introductions, false) AND k.ownerId = startNode(k).id
