-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "subgraph" TEXT;
