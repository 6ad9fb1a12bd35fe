-- CreateTable
CREATE TABLE "DeviceAccount" (
    "key" SERIAL NOT NULL,
    "vendor" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "timeZone" TEXT,
    "utcOffset" TEXT,
    "linkStatus" TEXT NOT NULL DEFAULT 'none',
    "patientId" TEXT,
    "identifiersJson" TEXT NOT NULL DEFAULT '[]',
    "linkAttempts" INTEGER NOT NULL DEFAULT 0,
    "linkError" TEXT,
    "nextLinkAtMs" BIGINT,
    "enrolledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceAccount_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "WearablePoint" (
    "accountKey" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "statistic" TEXT NOT NULL DEFAULT '',
    "startMs" BIGINT NOT NULL,
    "startIso" TEXT NOT NULL,
    "endMs" BIGINT,
    "endIso" TEXT,
    "value" DOUBLE PRECISION NOT NULL,
    "originalValue" DOUBLE PRECISION NOT NULL,
    "originalUnit" TEXT NOT NULL,
    "sourceId" TEXT,

    CONSTRAINT "WearablePoint_pkey" PRIMARY KEY ("accountKey","type","statistic","startMs")
);

-- CreateTable
CREATE TABLE "SleepEpisode" (
    "accountKey" INTEGER NOT NULL,
    "startMs" BIGINT NOT NULL,
    "startIso" TEXT NOT NULL,
    "endMs" BIGINT NOT NULL,
    "endIso" TEXT NOT NULL,
    "minutesAsleep" DOUBLE PRECISION,
    "minutesAwake" DOUBLE PRECISION,
    "efficiency" DOUBLE PRECISION,
    "isMainSleep" BOOLEAN,
    "stagesJson" TEXT NOT NULL DEFAULT '[]',
    "segmentsJson" TEXT NOT NULL DEFAULT '[]',
    "sourceId" TEXT,

    CONSTRAINT "SleepEpisode_pkey" PRIMARY KEY ("accountKey","startMs")
);

-- CreateIndex
CREATE INDEX "DeviceAccount_linkStatus_nextLinkAtMs_idx" ON "DeviceAccount"("linkStatus", "nextLinkAtMs");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAccount_vendor_accountId_key" ON "DeviceAccount"("vendor", "accountId");

-- AddForeignKey
ALTER TABLE "WearablePoint" ADD CONSTRAINT "WearablePoint_accountKey_fkey" FOREIGN KEY ("accountKey") REFERENCES "DeviceAccount"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SleepEpisode" ADD CONSTRAINT "SleepEpisode_accountKey_fkey" FOREIGN KEY ("accountKey") REFERENCES "DeviceAccount"("key") ON DELETE CASCADE ON UPDATE CASCADE;
