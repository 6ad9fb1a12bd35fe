-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "logId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "organization" TEXT NOT NULL,
    "orgAddress" TEXT,
    "patientId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "decisions" TEXT,
    "category" TEXT,
    "decision" TEXT,
    "field" TEXT,
    "reason" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
INSERT INTO "new_AuditEntry" ("at", "category", "decision", "field", "hash", "id", "logId", "orgAddress", "organization", "patientId", "prevHash", "purpose", "reason", "requestId", "seq", "subject") SELECT "at", "category", "decision", "field", "hash", "id", "logId", "orgAddress", "organization", "patientId", "prevHash", "purpose", "reason", "requestId", "seq", "subject" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_patientId_at_idx" ON "AuditEntry"("patientId", "at");
CREATE UNIQUE INDEX "AuditEntry_logId_seq_key" ON "AuditEntry"("logId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Hand-written: redefining the table dropped its append-only triggers
-- (20261125074300_append_only); they come back on the new table.
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
