// An account's derived facts (Domain/Pursuit/AccountFacts): one node per organization, found by its id.
CREATE CONSTRAINT account_facts_organization IF NOT EXISTS FOR (f:AccountFacts) REQUIRE f.organizationId IS UNIQUE;
