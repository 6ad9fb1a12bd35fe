-- AlterTable
ALTER TABLE "PatientMerge" ADD COLUMN     "chainAddressMoved" BOOLEAN NOT NULL DEFAULT false;
