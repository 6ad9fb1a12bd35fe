-- CreateTable
CREATE TABLE "Placeholder" (
    "id" TEXT NOT NULL PRIMARY KEY
);
