-- CreateTable
CREATE TABLE "FhirResource" (
    "key" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "lastUpdated" TIMESTAMP(3) NOT NULL,
    "sourceVersionId" TEXT,
    "sourceLastUpdated" TEXT,
    "contentHash" TEXT NOT NULL,
    "patientId" TEXT,
    "status" TEXT,
    "dateStart" TEXT,
    "dateEnd" TEXT,
    "json" TEXT NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "FhirResource_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FhirResourceVersion" (
    "key" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "lastUpdated" TIMESTAMP(3) NOT NULL,
    "contentHash" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "FhirResourceVersion_pkey" PRIMARY KEY ("key","versionId")
);

-- CreateTable
CREATE TABLE "FhirToken" (
    "id" SERIAL NOT NULL,
    "resourceKey" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "system" TEXT NOT NULL DEFAULT '',
    "code" TEXT NOT NULL,

    CONSTRAINT "FhirToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientLink" (
    "patientId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "globalPatientId" TEXT,
    "decision" TEXT,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestJson" TEXT NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatientLink_pkey" PRIMARY KEY ("patientId")
);

-- CreateIndex
CREATE INDEX "FhirResource_patientId_resourceType_dateStart_idx" ON "FhirResource"("patientId", "resourceType", "dateStart");

-- CreateIndex
CREATE INDEX "FhirResource_resourceType_deleted_idx" ON "FhirResource"("resourceType", "deleted");

-- CreateIndex
CREATE UNIQUE INDEX "FhirResource_resourceType_resourceId_key" ON "FhirResource"("resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "FhirToken_param_code_system_idx" ON "FhirToken"("param", "code", "system");

-- CreateIndex
CREATE INDEX "FhirToken_resourceKey_idx" ON "FhirToken"("resourceKey");

-- CreateIndex
CREATE INDEX "PatientLink_status_nextAttemptAt_idx" ON "PatientLink"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "FhirToken" ADD CONSTRAINT "FhirToken_resourceKey_fkey" FOREIGN KEY ("resourceKey") REFERENCES "FhirResource"("key") ON DELETE CASCADE ON UPDATE CASCADE;
