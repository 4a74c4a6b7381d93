// The customer's reporting lines around one opportunity's buying center, for the power map picture: the account's
// name, and each member the power map shows (those that may be reached: charter.reachable, and still at the account:
// people.leftOrganization) with the managers who are
// not members but connect them — everyone on an upward chain (solid and dotted lines, at most 6 steps) from a member
// to the next member above it, or to the first manager at which the chains of two members meet (arriving through
// different reports). A chain runs only through people who may be reached: a do-not-contact person is never drawn,
// and the picture never connects members across one. Each person comes with the solid and dotted managers that may
// be reached; the picture draws a line only where both ends are on it.
MATCH (o:Opportunity {id: $id})-[:AT]->(account:Organization)
CALL (o, account) {
  MATCH (member:Person)-[:IN_BUYING_CENTER]->(o)
  WHERE charter.reachable(member) AND NOT people.leftOrganization(member, account)
  RETURN collect(member) AS members
}
// Every upward chain from a member, up to the first member above it.
CALL (members) {
  UNWIND members AS member
  MATCH chain = (member)((lower:Person)-[:REPORTS_TO]->(upper:Person) WHERE charter.reachable(upper)){1,6}(top:Person)
  WHERE none(between IN nodes(chain)[1..-1] WHERE between IN members)
  RETURN collect({member: member, people: nodes(chain)}) AS chains
}
// The chains that connect: those ending at a member, or where another member's chain arrives through another report.
WITH account, members,
     [c IN chains WHERE c.people[-1] IN members
        OR any(d IN chains WHERE d.people[-1] = c.people[-1] AND d.member <> c.member AND d.people[-2] <> c.people[-2])] AS connecting
CALL (members, connecting) {
  UNWIND members + reduce(acc = [], c IN connecting | acc + c.people[1..]) AS person
  WITH DISTINCT person
  ORDER BY person.id
  RETURN collect({id: person.id, name: person.name, title: person.title,
                  managerId: COLLECT { MATCH (person)-[:REPORTS_TO {kind: 'solid'}]->(solidManager:Person)
                                       WHERE charter.reachable(solidManager) RETURN solidManager.id }[0],
                  dottedManagerIds: COLLECT { MATCH (person)-[:REPORTS_TO {kind: 'dotted'}]->(dottedManager:Person)
                                              WHERE charter.reachable(dottedManager)
                                              RETURN dottedManager.id ORDER BY dottedManager.id }}) AS people
}
RETURN account.name AS accountName, people
