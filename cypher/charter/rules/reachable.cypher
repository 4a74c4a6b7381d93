// charter.reachable(p): whether person p may be reached or used: never a do-not-contact person, for anyone. Targets,
// intermediaries, the people counted in an influence ranking and the members a report covers are reachable people.
NOT coalesce(p.doNotContact, false)
