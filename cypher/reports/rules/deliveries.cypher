// reports.deliveries(r): the webhook delivery attempts recorded for report r (its outbox entry's, Infrastructure/Outbox.cs).
COLLECT { MATCH (:OutboxEntry {subjectId: r.id})<-[:OF]-(d:DeliveryAttempt)
          RETURN d {.attempt, at: toString(d.at), .statusCode, .error, .outcome} }
