// charter.worth(k): what relationship k is worth on a route, as the service knows it: its strength (charter.strength),
// × $staleFactor (Insights:StaleFactor) when stale. Shown only where $viewer sees k in detail (charter.routeTrust).
charter.strength(k) * CASE WHEN charter.stale(k) THEN $staleFactor ELSE 1.0 END
