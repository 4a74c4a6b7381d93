// opportunities.member(person, membership): a buying-center member as answers show them.
{personId: person.id, name: person.name,
 organizationId: COLLECT { MATCH (person)-[:WORKS_AT]->(memberEmployer:Organization) RETURN memberEmployer.id }[0],
 roles: membership.roles, attitude: membership.attitude, influence: membership.influence, coach: membership.coach,
 favorsCompetitorId: membership.favorsCompetitorId}
