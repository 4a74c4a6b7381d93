// charter.shown(p): whether person p may be named or counted in an answer to $viewer: do-not-contact people show to
// admins only ($viewer.seesDoNotContact); to everyone else they are not there. People who left are shown (with their
// history): they are only not reachable.
coalesce($viewer.seesDoNotContact, false) OR charter.contactable(p)
