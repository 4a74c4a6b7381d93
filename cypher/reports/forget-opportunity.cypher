// Runs in the deletion of an opportunity: its reports go with it.
MATCH (r:Report {opportunityId: $id})
CALL (r) {
  MATCH (r)<-[:OF]-(d:ReportDelivery)
  DETACH DELETE d
}
DETACH DELETE r
RETURN count(r) AS deleted
