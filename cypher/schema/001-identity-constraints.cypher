// Every MERGE keys on a caller-supplied id; these constraints make those ids unique and indexed.
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (i:Interaction) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (o:Opportunity) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (r:IdempotencyRecord) REQUIRE r.key IS UNIQUE;
// A web domain belongs to one organization: a second claim is a conflict the CRM must resolve.
CREATE CONSTRAINT organization_domain IF NOT EXISTS FOR (o:Organization) REQUIRE o.domain IS UNIQUE;
