// charter.reachable(p): whether person p may be reached or used: never a do-not-contact person, for anyone
// (charter.contactable), and never someone who has left their organization and works nowhere we know
// (people.current). Targets, intermediaries, the people counted in an influence ranking and the members a report
// covers are reachable people.
charter.contactable(p) AND people.current(p)
