// API keys are found by the hash of the secret on every call; ids are what admins revoke.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
CREATE CONSTRAINT charter_id IF NOT EXISTS FOR (c:Charter) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
// The audit is read newest first, optionally by the caller's key name.
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);
CREATE INDEX audit_entry_key_name IF NOT EXISTS FOR (a:AuditEntry) ON (a.callerKeyName);
// Erasing a person hands the relationships they own to the relationship's own person.
CREATE INDEX knows_owner IF NOT EXISTS FOR ()-[k:KNOWS]-() ON (k.ownerId);
