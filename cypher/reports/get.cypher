// One report: its payload, the webhook delivery attempts recorded for it, the relationships it shows, and whom the
// charter no longer lets it name (reports.hidden).
MATCH (r:Report {id: $id})
RETURN r.payload AS payload,
       [(r)<-[:OF]-(d:ReportDelivery) | d {.attempt, at: toString(d.at), .statusCode, .error, .outcome}] AS deliveries,
       coalesce(r.shownRelationships, []) AS shown, reports.hidden(r) AS hiddenIds
