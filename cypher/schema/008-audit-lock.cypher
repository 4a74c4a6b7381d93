// Audit batches and erasures take one lock node, so a batch is written either before an erasure or after it.
CREATE CONSTRAINT audit_lock_id IF NOT EXISTS FOR (l:AuditLock) REQUIRE l.id IS UNIQUE;
