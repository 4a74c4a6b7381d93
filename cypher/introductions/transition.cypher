// One step of an introduction request by one of our people ($personId): the introducer accepts (with the share chosen)
// or declines (with a reason or none), the requester withdraws, the introducer's solid-line manager approves where the
// request needs it. Someone who takes no part in it, or a request whose target they may not see, is 'not-found'; a
// party taking a step that is not theirs is 'not-yours'; a step from a state that has moved on is 'state' (states move
// only forward); approving one that needs no approval, or twice, is 'no-approval'. With approval required, a request
// is accepted once both the introducer and the manager said yes, in either order. The request's lock orders
// concurrent steps.
MATCH (x:Introduction {id: $id})
SET x.transitionLock = true
WITH x
MATCH (x)-[:REQUESTED_BY]->(r:Person), (x)-[:THROUGH]->(o:Person), (x)-[:TO]->(t:Person)
WITH x, t,
     CASE $action WHEN 'withdraw' THEN introductions.involves(x, $personId, 'requester')
                  WHEN 'approve' THEN introductions.involves(x, $personId, 'approver')
                  ELSE introductions.involves(x, $personId, 'introducer') END AS mayAct,
     introductions.involves(x, $personId, null) AND charter.shown(t) AS party
WITH x, CASE
       WHEN NOT party THEN 'not-found'
       WHEN NOT mayAct THEN 'not-yours'
       WHEN x.state <> 'requested' THEN 'state'
       WHEN $action = 'approve' AND (NOT coalesce(x.approvalRequired, false) OR x.approvedAt IS NOT NULL) THEN 'no-approval'
       WHEN $action = 'accept' AND x.introducerAcceptedAt IS NOT NULL THEN 'state'
       ELSE 'done' END AS outcome
CALL (x, outcome) {
  WITH * WHERE outcome = 'done'
  WITH x,
       CASE $action WHEN 'accept' THEN datetime($now) ELSE x.introducerAcceptedAt END AS agreed,
       CASE $action WHEN 'approve' THEN datetime($now) ELSE x.approvedAt END AS approved
  WITH x, agreed, approved,
       CASE $action
         WHEN 'decline' THEN 'declined'
         WHEN 'withdraw' THEN 'withdrawn'
         ELSE CASE WHEN agreed IS NOT NULL AND (NOT coalesce(x.approvalRequired, false) OR approved IS NOT NULL)
                   THEN 'accepted' ELSE 'requested' END
       END AS next
  SET x.state = next,
      x.introducerAcceptedAt = agreed,
      x.approvedAt = approved,
      x.approvedBy = CASE $action WHEN 'approve' THEN $personId ELSE x.approvedBy END,
      x.share = CASE $action WHEN 'accept' THEN $share ELSE x.share END,
      x.reason = CASE $action WHEN 'decline' THEN $reason ELSE x.reason END,
      x.answeredAt = CASE WHEN $action IN ['accept', 'decline'] THEN datetime($now) ELSE x.answeredAt END,
      x.acceptedAt = CASE WHEN next = 'accepted' THEN datetime($now) ELSE x.acceptedAt END,
      x.closedAt = CASE WHEN next IN ['declined', 'withdrawn'] THEN datetime($now) ELSE x.closedAt END
}
REMOVE x.transitionLock
RETURN outcome, x.state AS state, introductions.answer(x) AS introduction
