// Introduction requests are keyed by the id the service gives them; the lazy expiry finds the waiting ones by state.
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (x:Introduction) REQUIRE x.id IS UNIQUE;
CREATE INDEX introduction_state IF NOT EXISTS FOR (x:Introduction) ON (x.state);
