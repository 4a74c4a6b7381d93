// charter.introducesWith(k, seen, worth): charter.introduces(k) where the statement has already worked out whether
// $viewer sees k in detail (seen: charter.seesRelationship(k)) and what k is worth (worth: charter.worth(k)), so that
// neither is evaluated again per relationship. The one place the decision is written: charter.introduces passes k's own.
NOT seen
  AND ((coalesce($viewer.introductions, false) AND k.ownerId = startNode(k).id AND worth >= $trust.introduction)
       OR charter.introduced(k, ['route', 'strength']))
