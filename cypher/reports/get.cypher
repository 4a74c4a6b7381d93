// One report: its payload and the webhook delivery attempts recorded for it.
MATCH (r:Report {id: $id})
RETURN r.payload AS payload,
       [(r)<-[:OF]-(d:ReportDelivery) | d {.attempt, at: toString(d.at), .statusCode, .error, .outcome}] AS deliveries
