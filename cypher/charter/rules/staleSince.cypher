// charter.staleSince(k): the moment relationship k counts as stale from (charter.stale(k) is true after it).
charter.refreshedAt(k) + duration({days: $charter.staleAfterDays})
