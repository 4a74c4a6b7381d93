// charter.stale(k): whether relationship k has gone stale: not refreshed for more than $charter.staleAfterDays days.
// A relationship exactly staleAfterDays old is still fresh; it is stale from charter.staleSince(k) on.
charter.ageDays(charter.refreshedAt(k)) > $charter.staleAfterDays
