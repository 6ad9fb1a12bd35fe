-- AlterTable
ALTER TABLE "PatientIdentifier" ADD COLUMN     "linkDetailJson" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "PatientRecord" (
    "id" TEXT NOT NULL,
    "identifierId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "demographicsJson" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatientRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchKey" (
    "recordId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "MatchKey_pkey" PRIMARY KEY ("recordId","key")
);

-- CreateTable
CREATE TABLE "MatchReview" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recordSystem" TEXT NOT NULL,
    "recordValue" TEXT NOT NULL,
    "openKey" TEXT,
    "requestJson" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "candidatesJson" TEXT NOT NULL DEFAULT '[]',
    "bestScore" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decisionPatientId" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "MatchReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientMerge" (
    "id" TEXT NOT NULL,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "requestedBy" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneBy" TEXT,

    CONSTRAINT "PatientMerge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientMergeMove" (
    "id" TEXT NOT NULL,
    "mergeId" TEXT NOT NULL,
    "identifierId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "linkReason" TEXT NOT NULL,
    "linkScore" DOUBLE PRECISION,
    "linkDetailJson" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "PatientMergeMove_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "PatientRecord" ADD CONSTRAINT "PatientRecord_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "PatientIdentifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchKey" ADD CONSTRAINT "MatchKey_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "PatientRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientMergeMove" ADD CONSTRAINT "PatientMergeMove_mergeId_fkey" FOREIGN KEY ("mergeId") REFERENCES "PatientMerge"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
