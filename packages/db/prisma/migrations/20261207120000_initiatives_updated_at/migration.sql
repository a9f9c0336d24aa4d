-- Initiatives can be edited: updated_at tells when, so a ROI evaluation older than the last change
-- can be shown as such. Existing initiatives were never edited: their creation time.
-- AlterTable
ALTER TABLE "initiatives" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

UPDATE "initiatives" SET "updated_at" = "created_at";
