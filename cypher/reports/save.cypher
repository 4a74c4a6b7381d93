// Stores a report for its opportunity, once per id, as facts (payload: ids, numbers and sentence templates), with the
// relationships its audience ($viewer) sees in detail now (detailKeys: what a later read withholds once they are not),
// and answers it as reports/get reads one. A scheduled run that is taken over by another instance finds its report
// already there and writes nothing. A report for a webhook is stored with its delivery pending (an entry of the
// outbox, Infrastructure/Outbox.cs), in the same write, so a report is never stored without the promise to deliver it. The token tells this request's own MERGE-create from one that found it.
// sequence orders reports of one opportunity generated at the same instant; counting it on the opportunity node also
// serializes concurrent saves for one opportunity.
MATCH (o:Opportunity {id: $opportunityId})
WITH o, reports.seen($relationshipKeys) AS detailKeys
MERGE (r:Report {id: $id})
  ON CREATE SET r.opportunityId = $opportunityId,
                r.generatedAt = datetime($generatedAt),
                r.scheduleId = $scheduleId,
                r.slot = datetime($slot),
                r.status = $status,
                r.payload = $payload,
                r.mentionedIds = $mentionedIds,
                r.shownRelationships = $shownRelationships,
                r.detailKeys = detailKeys,
                r.shape = 2,
                r.savingToken = $token
WITH o, r, coalesce(r.savingToken = $token, false) AS created
REMOVE r.savingToken
WITH o, r, created
CALL (o, r, created) {
  WITH * WHERE created
  SET o.reportSequence = coalesce(o.reportSequence, 0) + 1
  SET r.sequence = o.reportSequence
  MERGE (r)-[:FOR]->(o)
  FOREACH (_ IN CASE WHEN $webhookUrl IS NULL THEN [] ELSE [1] END |
    CREATE (:OutboxEntry {id: $entryId, kind: 'report', subjectId: r.id, url: $webhookUrl, state: 'pending',
                          createdAt: r.generatedAt}))
}
RETURN created, r.payload AS payload, coalesce(r.shownRelationships, []) AS shown,
       coalesce(r.mentionedIds, []) AS mentioned, reports.people(r) AS people, reports.withheld(r) AS withheld
