-- CreateTable
CREATE TABLE "Hl7Message" (
    "id" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "messageType" TEXT NOT NULL,
    "triggerEvent" TEXT NOT NULL,
    "messageStructure" TEXT,
    "version" TEXT NOT NULL,
    "processingId" TEXT,
    "sendingApplication" TEXT NOT NULL,
    "sendingFacility" TEXT NOT NULL,
    "receivingApplication" TEXT NOT NULL,
    "receivingFacility" TEXT NOT NULL,
    "messageDateTime" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "encoding" TEXT NOT NULL,
    "segmentCount" INTEGER NOT NULL,
    "patientId" TEXT,
    "raw" TEXT NOT NULL,

    CONSTRAINT "Hl7Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hl7Segment" (
    "messageId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "segmentType" TEXT NOT NULL,
    "setId" TEXT,
    "keyValue" TEXT,
    "raw" TEXT NOT NULL,

    CONSTRAINT "Hl7Segment_pkey" PRIMARY KEY ("messageId","position")
);

-- CreateTable
CREATE TABLE "Hl7Patient" (
    "id" TEXT NOT NULL,
    "keySystem" TEXT NOT NULL,
    "keyValue" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "identifiersJson" TEXT NOT NULL DEFAULT '[]',
    "namesJson" TEXT NOT NULL DEFAULT '[]',
    "addressesJson" TEXT NOT NULL DEFAULT '[]',
    "telecomJson" TEXT NOT NULL DEFAULT '[]',
    "birthDate" TEXT,
    "gender" TEXT,
    "lastMessageId" TEXT,
    "globalPatientId" TEXT,
    "linkStatus" TEXT NOT NULL DEFAULT 'pending',
    "linkVersion" INTEGER NOT NULL DEFAULT 1,
    "linkedVersion" INTEGER,
    "linkAttempts" INTEGER NOT NULL DEFAULT 0,
    "linkError" TEXT,
    "nextLinkAt" TIMESTAMP(3),
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hl7Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hl7Visit" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "visitKey" TEXT NOT NULL,
    "visitNumber" TEXT,
    "patientClass" TEXT,
    "status" TEXT NOT NULL,
    "admitTime" TEXT,
    "dischargeTime" TEXT,
    "admitAt" TIMESTAMP(3),
    "dischargeAt" TIMESTAMP(3),
    "lastEvent" TEXT NOT NULL,
    "pv1" TEXT NOT NULL,
    "pv2" TEXT,
    "encoding" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "firstControlId" TEXT NOT NULL,
    "lastMessageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hl7Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hl7Order" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "visitId" TEXT,
    "position" INTEGER NOT NULL,
    "setId" TEXT,
    "placerOrderNumber" TEXT,
    "fillerOrderNumber" TEXT,
    "serviceCode" TEXT,
    "serviceCodeSystem" TEXT,
    "serviceText" TEXT,
    "observedTime" TEXT,
    "resultStatus" TEXT,
    "raw" TEXT NOT NULL,

    CONSTRAINT "Hl7Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hl7Result" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "orderId" TEXT,
    "patientId" TEXT NOT NULL,
    "visitId" TEXT,
    "ordinal" INTEGER NOT NULL,
    "setId" TEXT,
    "valueType" TEXT,
    "code" TEXT,
    "codeSystem" TEXT,
    "codeSystemUri" TEXT,
    "altCode" TEXT,
    "altCodeSystem" TEXT,
    "altCodeSystemUri" TEXT,
    "codeText" TEXT,
    "subId" TEXT,
    "value" TEXT,
    "units" TEXT,
    "referenceRange" TEXT,
    "abnormalFlags" TEXT,
    "status" TEXT,
    "effectiveTime" TEXT,
    "effectiveAt" TIMESTAMP(3),
    "issuedTime" TEXT,
    "notesJson" TEXT NOT NULL DEFAULT '[]',
    "orderStatus" TEXT,
    "raw" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,

    CONSTRAINT "Hl7Result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hl7Merge" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "survivorPatientId" TEXT NOT NULL,
    "mergedKeySystem" TEXT NOT NULL,
    "mergedKeyValue" TEXT NOT NULL,
    "mergedPatientId" TEXT,
    "movedVisits" INTEGER NOT NULL,
    "movedOrders" INTEGER NOT NULL,
    "movedResults" INTEGER NOT NULL,
    "identityStatus" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Hl7Merge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Hl7Message_dedupKey_key" ON "Hl7Message"("dedupKey");

-- CreateIndex
CREATE INDEX "Hl7Message_controlId_idx" ON "Hl7Message"("controlId");

-- CreateIndex
CREATE INDEX "Hl7Message_patientId_idx" ON "Hl7Message"("patientId");

-- CreateIndex
CREATE INDEX "Hl7Segment_segmentType_keyValue_idx" ON "Hl7Segment"("segmentType", "keyValue");

-- CreateIndex
CREATE INDEX "Hl7Patient_linkStatus_nextLinkAt_idx" ON "Hl7Patient"("linkStatus", "nextLinkAt");

-- CreateIndex
CREATE UNIQUE INDEX "Hl7Patient_keySystem_keyValue_key" ON "Hl7Patient"("keySystem", "keyValue");

-- CreateIndex
CREATE INDEX "Hl7Visit_patientId_admitAt_idx" ON "Hl7Visit"("patientId", "admitAt");

-- CreateIndex
CREATE UNIQUE INDEX "Hl7Visit_patientId_visitKey_key" ON "Hl7Visit"("patientId", "visitKey");

-- CreateIndex
CREATE INDEX "Hl7Order_patientId_idx" ON "Hl7Order"("patientId");

-- CreateIndex
CREATE INDEX "Hl7Order_messageId_idx" ON "Hl7Order"("messageId");

-- CreateIndex
CREATE INDEX "Hl7Result_patientId_effectiveAt_idx" ON "Hl7Result"("patientId", "effectiveAt");

-- CreateIndex
CREATE INDEX "Hl7Result_messageId_idx" ON "Hl7Result"("messageId");

-- CreateIndex
CREATE INDEX "Hl7Result_code_idx" ON "Hl7Result"("code");

-- CreateIndex
CREATE INDEX "Hl7Merge_identityStatus_idx" ON "Hl7Merge"("identityStatus");

-- AddForeignKey
ALTER TABLE "Hl7Segment" ADD CONSTRAINT "Hl7Segment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Hl7Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
