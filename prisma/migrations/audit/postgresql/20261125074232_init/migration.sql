-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "logId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "organization" TEXT NOT NULL,
    "orgAddress" TEXT,
    "patientId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "reason" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_patientId_at_idx" ON "AuditEntry"("patientId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_logId_seq_key" ON "AuditEntry"("logId", "seq");
