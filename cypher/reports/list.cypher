// One page of reports, newest first, optionally of one opportunity and generated at or after a moment; each as
// reports/get answers one.
CALL () {
  MATCH (r:Report)
  WHERE ($opportunityId IS NULL OR r.opportunityId = $opportunityId)
    AND ($since IS NULL OR r.generatedAt >= datetime($since))
  WITH r ORDER BY r.generatedAt DESC, r.sequence DESC, r.id
  RETURN collect(r) AS matched
}
RETURN size(matched) AS total,
       [r IN matched[$skip..$skip + $limit] |
         {payload: r.payload,
          deliveries: reports.deliveries(r),
          shown: coalesce(r.shownRelationships, []), mentioned: coalesce(r.mentionedIds, []), people: reports.people(r),
          withheld: reports.withheld(r)}] AS items
