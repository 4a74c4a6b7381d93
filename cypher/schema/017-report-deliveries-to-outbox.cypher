// Report deliveries move from the report itself (delivery, deliveryLease*, and (:ReportDelivery)-[:OF]->(:Report)) to the
// shared outbox: one entry per report for a webhook, with its attempts.
MATCH (r:Report) WHERE r.delivery IS NOT NULL
MERGE (e:OutboxEntry {id: 'out-' + r.id})
  ON CREATE SET e.kind = 'report', e.subjectId = r.id, e.url = r.webhookUrl, e.state = r.delivery,
                e.createdAt = r.generatedAt, e.leaseOwner = r.deliveryLeaseOwner, e.leaseUntil = r.deliveryLeaseUntil
WITH r, e
CALL (r, e) {
  MATCH (r)<-[of:OF]-(d:ReportDelivery)
  CREATE (d)-[:OF]->(e)
  DELETE of
  REMOVE d:ReportDelivery
  SET d:DeliveryAttempt
}
REMOVE r.delivery, r.deliveryLeaseOwner, r.deliveryLeaseUntil, r.webhookUrl;
