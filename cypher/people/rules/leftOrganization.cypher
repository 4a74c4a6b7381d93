// people.leftOrganization(p, org): whether person p worked at organization org and no longer does (they left, or
// moved on). A buying-center member who left the deal's account is no target there, and raises the member-left gap.
(EXISTS { (p)-[:WORKED_AT]->(org) } AND NOT EXISTS { (p)-[:WORKS_AT]->(org) })
