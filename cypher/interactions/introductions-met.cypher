// The meeting closes the loop: each interaction of $ids, once recorded, meets every accepted introduction whose requester and
// target both took part in it at or after its acceptance, once the requester's own relationship with the target exists
// (the interaction counted their pair). That relationship, started since the acceptance, was started by the
// introduction: its source says so. A do-not-contact target meets no one. The meeting is marked untold: the introductions'
// background sweep puts its introduction.met event in the outbox (Features/Introductions/IntroductionSweep.cs).
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
MATCH (x:Introduction {state: 'accepted'})-[:REQUESTED_BY]->(r:Person)-[:PARTICIPATED_IN]->(i),
      (x)-[:TO]->(t:Person)-[:PARTICIPATED_IN]->(i),
      (r)-[k:KNOWS]->(t)
WHERE i.at >= x.acceptedAt AND charter.contactable(t)
SET x.state = 'met', x.metAt = i.at, x.metInteractionId = i.id, x.closedAt = datetime($now), x.metUntold = true,
    k.source = CASE WHEN k.createdAt >= x.acceptedAt THEN 'introduction' ELSE k.source END
RETURN count(x) AS met
