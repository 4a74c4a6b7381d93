// charter.decayed(weight, t): weight counted from moment t, halved every $charter.halfLifeDays since then.
weight * 0.5 ^ (charter.ageDays(t) / $charter.halfLifeDays)
