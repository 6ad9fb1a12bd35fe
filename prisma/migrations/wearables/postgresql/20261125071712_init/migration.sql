-- CreateTable
CREATE TABLE "Placeholder" (
    "id" TEXT NOT NULL,

    CONSTRAINT "Placeholder_pkey" PRIMARY KEY ("id")
);
