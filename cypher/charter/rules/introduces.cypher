// charter.introduces(k): whether relationship k, hidden from $viewer, may still serve as "ask its owner for an
// introduction": only where the charter allows introductions, the owner is the one who knows the person, and k is worth
// at least the fixed introduction trust ($trust.introduction), staleness applied (charter.worth). Such a route carries
// that fixed trust and nothing else about k (charter.routeTrust), so it never ranks above a visible route that is better
// than k really is, and an answer reveals at most that k is worth at least that trust (or is not, or is not there).
// A route its owner agreed to introduce the viewer through (an accepted introduction request, charter.introduced) is
// offered whatever its worth: the owner consented to it.
// (charter.introducesWith, given whether the viewer sees k and what k is worth.)
charter.introducesWith(k, charter.seesRelationship(k), charter.worth(k))
