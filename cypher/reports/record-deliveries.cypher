// Records webhook delivery attempts on a report, numbered after the ones already recorded.
MATCH (r:Report {id: $reportId})
WITH r, COUNT { (r)<-[:OF]-(:ReportDelivery) } AS before
UNWIND $attempts AS a
CREATE (d:ReportDelivery {attempt: before + a.attempt, at: datetime(a.at), statusCode: a.statusCode, error: a.error,
                          outcome: a.outcome})-[:OF]->(r)
RETURN count(d) AS recorded
