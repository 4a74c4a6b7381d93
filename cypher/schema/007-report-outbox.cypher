// The outbox of webhook deliveries is found by the reports whose delivery is pending.
CREATE INDEX report_delivery IF NOT EXISTS FOR (r:Report) ON (r.delivery);
