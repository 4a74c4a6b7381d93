// The outbox of webhook deliveries (Infrastructure/Outbox.cs): entries found by id, the pending ones by state, and those
// about one subject (a report's delivery attempts, deletion with the subject) by subject id.
CREATE CONSTRAINT outbox_entry_id IF NOT EXISTS FOR (e:OutboxEntry) REQUIRE e.id IS UNIQUE;
CREATE INDEX outbox_entry_state IF NOT EXISTS FOR (e:OutboxEntry) ON (e.state);
CREATE INDEX outbox_entry_subject IF NOT EXISTS FOR (e:OutboxEntry) ON (e.subjectId);
