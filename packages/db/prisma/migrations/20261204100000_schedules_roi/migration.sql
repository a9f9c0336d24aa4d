-- ROI evaluations get a schedule too (SPEC §3: each workflow has a Temporal Schedule an admin can
-- set); the target is an initiative.
ALTER TABLE "schedules" DROP CONSTRAINT "schedules_kind_check";
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_kind_check" CHECK ("kind" IN ('sync', 'audit', 'kpi-watch', 'risk', 'roi'));
