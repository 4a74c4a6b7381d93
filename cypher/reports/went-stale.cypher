// Relationships to an opportunity's buying-center members that went stale since the previous report: stale now
// (charter.stale) and not yet stale at the previous report (charter.staleSince at or after it). Only what the report's
// audience ($viewer) may see in detail, and only members who may be reached and are still at the account.
MATCH (theirs:Person)-[:IN_BUYING_CENTER]->(:Opportunity {id: $opportunityId})-[:AT]->(account:Organization)
WHERE charter.reachable(theirs) AND NOT people.leftOrganization(theirs, account)
MATCH (ours:Person)-[k:KNOWS]->(theirs)
WHERE charter.seesRelationship(k) AND charter.shown(ours) AND charter.stale(k)
  AND ($previous IS NULL OR charter.staleSince(k) >= datetime($previous))
RETURN ours {.id, .name} AS ourPerson, theirs {.id, .name} AS theirPerson,
       toString(k.lastInteractionAt) AS lastInteractionAt, toString(charter.staleSince(k)) AS staleSince
ORDER BY theirs.name, theirs.id, ours.name, ours.id
