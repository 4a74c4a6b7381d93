// charter.seesRelationship(k): whether $viewer may see relationship k in detail (its strength, dates, source).
// Admins see all; everyone sees company relationships and their own; team relationships show to the owner's pursuit
// team-mates and managers ($viewer.teamOwnerIds), private ones to the owner (and, when the charter says so, the owner's
// managers: $viewer.privateOwnerIds), and any one its owner shared in detail with the viewer by accepting their
// introduction request (charter.introduced). The owner-id lists are worked out once per request (Charter/Viewer.cs).
coalesce($viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
         OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds, false)
  OR charter.introduced(k, ['relationship'])
