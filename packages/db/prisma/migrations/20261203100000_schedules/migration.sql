-- Schedules are recorded in the database as well as in Temporal: a workspace backup carries them,
-- and the worker re-applies every row at start (after a restore, a new Temporal cluster, or a change
-- made while Temporal was unreachable).

-- CreateTable
CREATE TABLE "schedules" (
    "workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target_id" UUID NOT NULL,
    "cron" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("workspace_id","kind","target_id"),
    CONSTRAINT "schedules_kind_check" CHECK ("kind" IN ('sync', 'audit', 'kpi-watch', 'risk'))
);

-- AddForeignKey
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The sync schedules integrations already held (never applied before), in their workspace's time zone.
INSERT INTO "schedules" ("workspace_id", "kind", "target_id", "cron", "time_zone", "updated_at")
SELECT i."workspace_id", 'sync', i."id", btrim(i."schedule"), w."time_zone", now()
FROM "integrations" i JOIN "workspaces" w ON w."id" = i."workspace_id"
WHERE btrim(coalesce(i."schedule", '')) <> '';
