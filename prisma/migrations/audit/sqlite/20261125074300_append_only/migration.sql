-- Hand-written: the audit log is append-only at the database level too, so an
-- application bug cannot rewrite history; tampering needs DDL rights and is then
-- caught by the hash chain (`patientgraph audit verify`).
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
