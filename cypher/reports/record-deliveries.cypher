// Records a round of webhook delivery attempts on a report, numbered after the ones already recorded, and what came of
// the delivery: delivered, failed (given up), or still pending until $retryAt, when the outbox tries again.
// @bookkeeping: delivery attempts change no answer built from the CRM data.
MATCH (r:Report {id: $reportId})
WITH r, COUNT { (r)<-[:OF]-(:ReportDelivery) } AS before
CALL (r, before) {
  UNWIND $attempts AS a
  CREATE (d:ReportDelivery {attempt: before + a.attempt, at: datetime(a.at), statusCode: a.statusCode, error: a.error,
                            outcome: a.outcome})-[:OF]->(r)
  RETURN count(d) AS recorded
}
SET r.delivery = $delivery,
    r.deliveryLeaseUntil = CASE WHEN $delivery = 'pending' THEN datetime($retryAt) ELSE null END
REMOVE r.deliveryLeaseOwner
RETURN recorded
