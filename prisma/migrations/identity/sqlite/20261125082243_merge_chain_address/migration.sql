-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PatientMerge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "requestedBy" TEXT,
    "status" TEXT NOT NULL,
    "chainAddressMoved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME,
    "undoneBy" TEXT
);
INSERT INTO "new_PatientMerge" ("createdAt", "id", "mergedId", "reason", "requestedBy", "source", "status", "survivorId", "undoneAt", "undoneBy") SELECT "createdAt", "id", "mergedId", "reason", "requestedBy", "source", "status", "survivorId", "undoneAt", "undoneBy" FROM "PatientMerge";
DROP TABLE "PatientMerge";
ALTER TABLE "new_PatientMerge" RENAME TO "PatientMerge";
CREATE INDEX "PatientMerge_survivorId_idx" ON "PatientMerge"("survivorId");
CREATE INDEX "PatientMerge_mergedId_idx" ON "PatientMerge"("mergedId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
