// charter.worthOf(strength, stale): what a relationship of that strength and staleness is worth on a route: its
// strength, × $staleFactor (Insights:StaleFactor) when stale. charter.worth(k) is this of k's strength and staleness; a
// statement that has worked them out already (charter.strength, charter.stale) passes them, so each is evaluated once.
strength * CASE WHEN stale THEN $staleFactor ELSE 1.0 END
