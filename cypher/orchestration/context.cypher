// What the orchestration of one opportunity needs besides the buying center and the routes:
// - load: for each of our people in $personIds (those with a route into the buying center), the other open
//   opportunities (opportunities.open) on whose pursuit team they are. Each counts as one engagement against the cap
//   across open deals: a place on a pursuit team is at least one customer person to keep engaged. Bounded by the
//   candidates' own ON_TEAM lines; the first $listed ids are named.
// - stale: the relationships to the buying center's members (those who may be reached) that $viewer may see in detail
//   (charter.seesRelationship) and that went stale (members who left the account are nobody to refresh) (charter.stale): conversations to refresh them. Per member the
//   strongest first (charter.strength), the one worth refreshing.
MATCH (o:Opportunity {id: $opportunityId})
RETURN
  COLLECT {
    UNWIND $personIds AS personId
    MATCH (ours:Person {id: personId})
    WHERE charter.reachable(ours)
    WITH o, ours, COLLECT {
      MATCH (ours)-[:ON_TEAM]->(other:Opportunity)
      WHERE other <> o AND opportunities.open(other)
      RETURN other.id AS otherId ORDER BY otherId
    } AS others
    WHERE size(others) > 0
    RETURN {personId: ours.id, openDeals: size(others), opportunityIds: others[0..$listed]} AS load
  } AS load,
  COLLECT {
    MATCH (theirs:Person)-[:IN_BUYING_CENTER]->(o)-[:AT]->(account:Organization)
    WHERE charter.reachable(theirs) AND NOT people.leftOrganization(theirs, account)
    MATCH (ours:Person)-[k:KNOWS]->(theirs)
    WHERE charter.seesRelationship(k) AND charter.shown(ours) AND charter.stale(k)
    WITH ours, theirs, k ORDER BY theirs.id, charter.strength(k) DESC, ours.id
    RETURN {ourPerson: ours {.id, .name}, theirPerson: theirs {.id, .name}, lastInteractionAt: toString(k.lastInteractionAt),
            staleSince: toString(charter.staleSince(k))} AS stale
  } AS stale
