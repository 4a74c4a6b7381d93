// Relationships to an opportunity's buying-center members that became stale in (previous report, now]: stale once
// their last interaction (or, with none, their last change) is older than the charter's staleAfterDays. Only what
// the report's viewer may see in detail ($viewer, see Viewer.cs); never a do-not-contact person.
MATCH (theirs:Person)-[:IN_BUYING_CENTER]->(:Opportunity {id: $opportunityId})
WHERE NOT coalesce(theirs.doNotContact, false)
MATCH (ours:Person)-[k:KNOWS]->(theirs)
WHERE $viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
   OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds
WITH ours, theirs, k,
     coalesce(k.lastInteractionAt, k.updatedAt, k.createdAt) + duration({days: $staleAfterDays}) AS staleSince
WHERE staleSince <= datetime($now) AND ($previous IS NULL OR staleSince > datetime($previous))
RETURN ours {.id, .name} AS ourPerson, theirs {.id, .name} AS theirPerson,
       toString(k.lastInteractionAt) AS lastInteractionAt, toString(staleSince) AS staleSince
ORDER BY theirs.name, theirs.id, ours.name, ours.id
