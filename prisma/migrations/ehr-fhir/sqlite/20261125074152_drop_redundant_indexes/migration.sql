-- DropIndex
DROP INDEX "FhirResource_resourceType_deleted_idx";

-- DropIndex
DROP INDEX "FhirResource_resourceType_resourceId_key";
