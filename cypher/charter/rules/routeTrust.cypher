// charter.routeTrust(k): the trust relationship k carries on a route offered to $viewer: its worth (charter.worth) where
// the viewer sees k in detail or its owner shared its strength with them (charter.introduced); else, k serving as an
// introduction (charter.introduces), the fixed introduction trust ($trust.introduction), never its worth.
CASE WHEN charter.seesRelationship(k) OR charter.introduced(k, ['strength']) THEN charter.worth(k) ELSE $trust.introduction END
