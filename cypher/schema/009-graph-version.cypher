// The graph version (RelIntel.Neo4j.GraphVersion): the sum of a few counters, one of them moved on by every write that
// changes data, in the writing transaction; cached answers are keyed by it. The constraint keeps the bump's MERGE to one node under concurrency.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;
