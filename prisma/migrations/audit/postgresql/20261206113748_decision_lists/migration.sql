-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "decisions" TEXT,
ALTER COLUMN "category" DROP NOT NULL,
ALTER COLUMN "decision" DROP NOT NULL,
ALTER COLUMN "field" DROP NOT NULL;
