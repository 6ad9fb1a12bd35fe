-- CreateTable
CREATE TABLE "PatientRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifierId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "demographicsJson" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PatientRecord_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "PatientIdentifier" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MatchKey" (
    "recordId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    PRIMARY KEY ("recordId", "key"),
    CONSTRAINT "MatchKey_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "PatientRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MatchReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recordSystem" TEXT NOT NULL,
    "recordValue" TEXT NOT NULL,
    "openKey" TEXT,
    "requestJson" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "candidatesJson" TEXT NOT NULL DEFAULT '[]',
    "bestScore" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "decisionPatientId" TEXT,
    "decisionNote" TEXT
);

-- CreateTable
CREATE TABLE "PatientMerge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "requestedBy" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME,
    "undoneBy" TEXT
);

-- CreateTable
CREATE TABLE "PatientMergeMove" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mergeId" TEXT NOT NULL,
    "identifierId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "linkReason" TEXT NOT NULL,
    "linkScore" REAL,
    "linkDetailJson" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "PatientMergeMove_mergeId_fkey" FOREIGN KEY ("mergeId") REFERENCES "PatientMerge" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PatientIdentifier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "use" TEXT,
    "typeCode" TEXT,
    "source" TEXT NOT NULL,
    "linkReason" TEXT NOT NULL,
    "linkScore" REAL,
    "linkDetailJson" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PatientIdentifier_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_PatientIdentifier" ("createdAt", "id", "linkReason", "linkScore", "patientId", "source", "system", "typeCode", "use", "value") SELECT "createdAt", "id", "linkReason", "linkScore", "patientId", "source", "system", "typeCode", "use", "value" FROM "PatientIdentifier";
DROP TABLE "PatientIdentifier";
ALTER TABLE "new_PatientIdentifier" RENAME TO "PatientIdentifier";
CREATE INDEX "PatientIdentifier_patientId_idx" ON "PatientIdentifier"("patientId");
CREATE UNIQUE INDEX "PatientIdentifier_system_value_key" ON "PatientIdentifier"("system", "value");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PatientRecord_identifierId_key" ON "PatientRecord"("identifierId");

-- CreateIndex
CREATE INDEX "MatchKey_key_idx" ON "MatchKey"("key");

-- CreateIndex
CREATE UNIQUE INDEX "MatchReview_openKey_key" ON "MatchReview"("openKey");

-- CreateIndex
CREATE INDEX "MatchReview_status_createdAt_idx" ON "MatchReview"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MatchReview_recordSystem_recordValue_idx" ON "MatchReview"("recordSystem", "recordValue");

-- CreateIndex
CREATE INDEX "PatientMerge_survivorId_idx" ON "PatientMerge"("survivorId");

-- CreateIndex
CREATE INDEX "PatientMerge_mergedId_idx" ON "PatientMerge"("mergedId");

-- CreateIndex
CREATE INDEX "PatientMergeMove_mergeId_idx" ON "PatientMergeMove"("mergeId");
