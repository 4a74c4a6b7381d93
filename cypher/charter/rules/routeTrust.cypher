// charter.routeTrust(k, seen, worth): the trust relationship k carries on a route offered to $viewer: its worth where
// the viewer sees k in detail or its owner shared its strength with them (charter.introduced); else, k serving as an
// introduction (charter.introducesWith), the fixed introduction trust ($trust.introduction), never its worth. The
// statement passes what it has already worked out once per relationship: whether the viewer sees k
// (seen: charter.seesRelationship(k)) and what k is worth (worth: charter.worth(k)).
CASE WHEN seen OR charter.introduced(k, ['strength']) THEN worth ELSE $trust.introduction END
