// Reports are stored as facts (ids, numbers, sentence templates; shape 2) and named when read. Reports stored before,
// with names and strengths in their text, cannot be read through today's charter: they go with their delivery records
// (a schedule makes the next one; retention would have purged them).
MATCH (r:Report) WHERE r.shape IS NULL
OPTIONAL MATCH (r)<-[:OF]-(d:ReportDelivery)
DETACH DELETE d, r;
