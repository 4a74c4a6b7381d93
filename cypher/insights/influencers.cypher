// Whom to reach in an organization when no buying center is known, from the account's derived facts
// (Domain/Pursuit/AccountFacts: the people ranked by influence when the facts were computed, best first, with each
// factor): the first $top of them who may still be reached (charter.reachable: a do-not-contact mark or a departure
// since the facts were computed removes a person at once). With the organization's chart version and the facts'
// version, so the caller knows whether the facts are current. One lookup per ranked person: the cost does not grow
// with the organization.
MATCH (org:Organization {id: $organizationId})
OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
RETURN org.id AS organizationId, org.kind AS kind, coalesce(org.chartVersion, 0) AS chartVersion,
       facts.chartVersion AS factsVersion, facts.settings AS settingsKey, toString(facts.computedAt) AS computedAt,
       COUNT { (org)<-[:WORKS_AT]-() } AS people,
       CASE WHEN facts IS NULL THEN [] ELSE COLLECT {
         UNWIND range(0, size(facts.rankedIds) - 1) AS i
         MATCH (p:Person {id: facts.rankedIds[i]})-[:WORKS_AT]->(org)
         WHERE charter.reachable(p)
         WITH i, p
         ORDER BY i
         LIMIT $top
         RETURN {person: p {.id, .name, .title}, influence: facts.rankedInfluence[i],
                 factors: {level: facts.rankedLevel[i], levelScore: facts.rankedLevelScore[i],
                           reportsBelow: facts.rankedBelow[i], spanScore: facts.rankedSpanScore[i],
                           networkRank: facts.rankedNetworkRank[i], networkScore: facts.rankedNetworkScore[i],
                           levelWeight: facts.levelWeight, spanWeight: facts.spanWeight, networkWeight: facts.networkWeight}}
       } END AS ranked
