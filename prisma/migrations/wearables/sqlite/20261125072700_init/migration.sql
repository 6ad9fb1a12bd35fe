-- CreateTable
CREATE TABLE "DeviceAccount" (
    "key" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "enrolledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
    "value" REAL NOT NULL,
    "originalValue" REAL NOT NULL,
    "originalUnit" TEXT NOT NULL,
    "sourceId" TEXT,

    PRIMARY KEY ("accountKey", "type", "statistic", "startMs"),
    CONSTRAINT "WearablePoint_accountKey_fkey" FOREIGN KEY ("accountKey") REFERENCES "DeviceAccount" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SleepEpisode" (
    "accountKey" INTEGER NOT NULL,
    "startMs" BIGINT NOT NULL,
    "startIso" TEXT NOT NULL,
    "endMs" BIGINT NOT NULL,
    "endIso" TEXT NOT NULL,
    "minutesAsleep" REAL,
    "minutesAwake" REAL,
    "efficiency" REAL,
    "isMainSleep" BOOLEAN,
    "stagesJson" TEXT NOT NULL DEFAULT '[]',
    "segmentsJson" TEXT NOT NULL DEFAULT '[]',
    "sourceId" TEXT,

    PRIMARY KEY ("accountKey", "startMs"),
    CONSTRAINT "SleepEpisode_accountKey_fkey" FOREIGN KEY ("accountKey") REFERENCES "DeviceAccount" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DeviceAccount_linkStatus_nextLinkAtMs_idx" ON "DeviceAccount"("linkStatus", "nextLinkAtMs");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAccount_vendor_accountId_key" ON "DeviceAccount"("vendor", "accountId");
