// The account versions (RelIntel.Neo4j.GraphVersion.Bump): one counter per customer account, moved by the writes that
// concern it, and '*0' … '*15', moved by the writes that concern every account; an opportunity's cached answers are kept
// under its account's. The constraint keeps the bump's MERGE to one node under concurrency.
CREATE CONSTRAINT account_version_id IF NOT EXISTS FOR (v:AccountVersion) REQUIRE v.id IS UNIQUE;
