-- Hand-written: the audit log is append-only at the database level too, so an
-- application bug cannot rewrite history; tampering needs DDL rights and is then
-- caught by the hash chain (`patientgraph audit verify`).
CREATE FUNCTION "AuditEntry_append_only"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEntry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
