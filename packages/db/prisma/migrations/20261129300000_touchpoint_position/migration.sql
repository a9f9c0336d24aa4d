-- Touchpoints get a persisted order within their stage (the console reorders them).
-- AlterTable
ALTER TABLE "touchpoints" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

-- Existing touchpoints keep the order they had: creation time, then id.
UPDATE "touchpoints" t SET "position" = o.pos
FROM (
  SELECT "id", (row_number() OVER (PARTITION BY "stage_id" ORDER BY "created_at", "id") - 1)::INTEGER AS pos
  FROM "touchpoints"
) o
WHERE t."id" = o."id";

-- DropIndex
DROP INDEX "touchpoints_workspace_id_stage_id_idx";

-- CreateIndex
CREATE INDEX "touchpoints_workspace_id_stage_id_position_idx" ON "touchpoints"("workspace_id", "stage_id", "position");
