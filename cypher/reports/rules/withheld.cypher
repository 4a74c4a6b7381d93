// reports.withheld(r): the relationships stored report r showed in detail (r.detailKeys) that its audience ($viewer)
// may no longer see so (made private or team by their owner since, or gone): reading the report leaves out their
// routes, scores, dates and lines (Features/Reports/ReportRedaction.cs).
[shownKey IN coalesce(r.detailKeys, []) WHERE NOT shownKey IN reports.seen(coalesce(r.detailKeys, []))]
