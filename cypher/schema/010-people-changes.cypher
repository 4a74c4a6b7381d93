// People changes (joins, departures, moves, new titles and managers) are read per organization, newest first; possible
// moves are found by a joiner's exact name.
CREATE CONSTRAINT person_change_id IF NOT EXISTS FOR (c:PersonChange) REQUIRE c.id IS UNIQUE;
CREATE INDEX person_change_organization IF NOT EXISTS FOR (c:PersonChange) ON (c.organizationId, c.at);
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
