-- CreateTable
CREATE TABLE "Patient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "familyName" TEXT,
    "givenName" TEXT,
    "searchName" TEXT NOT NULL DEFAULT '',
    "birthDate" TEXT,
    "gender" TEXT,
    "namesJson" TEXT NOT NULL DEFAULT '[]',
    "addressesJson" TEXT NOT NULL DEFAULT '[]',
    "telecomJson" TEXT NOT NULL DEFAULT '[]',
    "chainAddress" TEXT,
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PatientIdentifier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "use" TEXT,
    "typeCode" TEXT,
    "source" TEXT NOT NULL,
    "linkReason" TEXT NOT NULL,
    "linkScore" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PatientIdentifier_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Patient_chainAddress_key" ON "Patient"("chainAddress");

-- CreateIndex
CREATE INDEX "Patient_searchName_id_idx" ON "Patient"("searchName", "id");

-- CreateIndex
CREATE INDEX "Patient_birthDate_idx" ON "Patient"("birthDate");

-- CreateIndex
CREATE INDEX "Patient_mergedIntoId_idx" ON "Patient"("mergedIntoId");

-- CreateIndex
CREATE INDEX "PatientIdentifier_patientId_idx" ON "PatientIdentifier"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "PatientIdentifier_system_value_key" ON "PatientIdentifier"("system", "value");
