// introductions.answer(x): introduction request x as its parties see it: its people as the charter names them (null
// for one $viewer may not see), its state, the share the introducer chose, the reason only where one was given, and
// its dates, as of $charter.now (introductions.state). Nothing about the relationship itself: that shows, as shared, in the answers that show relationships.
{id: x.id, state: introductions.state(x),
 requester: COLLECT { MATCH (x)-[:REQUESTED_BY]->(p:Person) RETURN charter.personRef(p) }[0],
 introducer: COLLECT { MATCH (x)-[:THROUGH]->(p:Person) RETURN charter.personRef(p) }[0],
 target: COLLECT { MATCH (x)-[:TO]->(p:Person) RETURN charter.personRef(p) }[0],
 opportunityId: COLLECT { MATCH (x)-[:FOR]->(q:Opportunity) RETURN q.id }[0],
 note: x.note, share: x.share, reason: x.reason,
 approvalRequired: coalesce(x.approvalRequired, false),
 awaitingApproval: introductions.state(x) = 'requested' AND x.introducerAcceptedAt IS NOT NULL,
 requestedAt: toString(x.requestedAt), expiresAt: toString(x.expiresAt), answeredAt: toString(x.answeredAt),
 approvedAt: toString(x.approvedAt), acceptedAt: toString(x.acceptedAt), closedAt: toString(CASE WHEN introductions.state(x) = 'expired' THEN coalesce(x.closedAt, x.expiresAt) ELSE x.closedAt END),
 metAt: toString(x.metAt)}
