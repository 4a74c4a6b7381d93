// introductions.involves(x, personId, role): whether the one of our people personId takes part in introduction request
// x as role: 'requester' (asked for it), 'introducer' (was asked), 'approver' (the introducer's solid-line manager), or
// any of them (role null).
((role IS NULL OR role = 'requester') AND EXISTS { (x)-[:REQUESTED_BY]->(:Person {id: personId}) })
  OR ((role IS NULL OR role = 'introducer') AND EXISTS { (x)-[:THROUGH]->(:Person {id: personId}) })
  OR ((role IS NULL OR role = 'approver')
      AND EXISTS { (x)-[:THROUGH]->(:Person)-[:REPORTS_TO {kind: 'solid'}]->(:Person {id: personId}) })
