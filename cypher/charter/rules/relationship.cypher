// charter.relationship(k): relationship k in detail as $viewer may see it, strength evaluated factor by factor at
// $charter.now; null when the charter hides it (or either person) from the viewer. The one place a relationship's
// details leave the graph.
CASE WHEN charter.seesRelationship(k) AND charter.shown(startNode(k)) AND charter.shown(endNode(k)) THEN
  {ourPerson: {id: startNode(k).id, name: startNode(k).name}, theirPerson: {id: endNode(k).id, name: endNode(k).name},
   theirPersonLeftAt: toString(endNode(k).leftAt),
   visibility: k.visibility,
   ownerId: k.ownerId, source: k.source, since: toString(k.since),
   strength: {value: round(charter.strength(k), 6, 'HALF_UP'),
              basis: CASE WHEN k.declaredStrength IS NULL THEN 'learned' ELSE 'declared' END,
              declared: k.declaredStrength,
              learned: round(charter.learnedStrength(k), 6, 'HALF_UP'),
              interactionScore: round(charter.interactionScore(k), 6, 'HALF_UP'),
              interactionsCounted: coalesce(k.interactionCount, 0),
              byKind: {meetings: {counted: coalesce(k.meetingCount, 0), weight: $charter.interactionWeights.meeting},
                       calls: {counted: coalesce(k.callCount, 0), weight: $charter.interactionWeights.call},
                       emails: {counted: coalesce(k.emailCount, 0), weight: $charter.interactionWeights.email},
                       events: {counted: coalesce(k.eventCount, 0), weight: $charter.interactionWeights.event}},
              lastInteractionAt: toString(k.lastInteractionAt),
              stale: charter.stale(k),
              staleAfterDays: $charter.staleAfterDays,
              halfLifeDays: $charter.halfLifeDays,
              asOf: $charter.now}}
END
