-- DropIndex
DROP INDEX "Hl7Segment_segmentType_keyValue_idx";

-- DropIndex
DROP INDEX "Hl7Order_messageId_idx";

-- DropIndex
DROP INDEX "Hl7Result_messageId_idx";

-- DropIndex
DROP INDEX "Hl7Result_code_idx";
