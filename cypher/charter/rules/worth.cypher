// charter.worth(k): what relationship k is worth on a route, as the service knows it: its strength (charter.strength),
// × $staleFactor (Insights:StaleFactor) when stale (charter.worthOf). Shown only where $viewer sees k in detail
// (charter.routeTrust).
charter.worthOf(charter.strength(k), charter.stale(k))
