-- CreateTable
CREATE TABLE "kpi_rollup_slots" (
    "workspace_id" UUID NOT NULL,
    "touchpoint_id" UUID NOT NULL,
    "slot_start" TIMESTAMPTZ(3) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "nps_responses" INTEGER NOT NULL DEFAULT 0,
    "nps_promoters" INTEGER NOT NULL DEFAULT 0,
    "nps_detractors" INTEGER NOT NULL DEFAULT 0,
    "csat_responses" INTEGER NOT NULL DEFAULT 0,
    "csat_satisfied" INTEGER NOT NULL DEFAULT 0,
    "ces_responses" INTEGER NOT NULL DEFAULT 0,
    "ces_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sentiment_responses" INTEGER NOT NULL DEFAULT 0,
    "sentiment_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "revenue_events" INTEGER NOT NULL DEFAULT 0,
    "revenue_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_rollup_slots_pkey" PRIMARY KEY ("workspace_id","touchpoint_id","slot_start")
);

-- CreateTable
CREATE TABLE "kpi_rollup_days" (
    "workspace_id" UUID NOT NULL,
    "touchpoint_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "nps_responses" INTEGER NOT NULL DEFAULT 0,
    "nps_promoters" INTEGER NOT NULL DEFAULT 0,
    "nps_detractors" INTEGER NOT NULL DEFAULT 0,
    "csat_responses" INTEGER NOT NULL DEFAULT 0,
    "csat_satisfied" INTEGER NOT NULL DEFAULT 0,
    "ces_responses" INTEGER NOT NULL DEFAULT 0,
    "ces_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sentiment_responses" INTEGER NOT NULL DEFAULT 0,
    "sentiment_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "revenue_events" INTEGER NOT NULL DEFAULT 0,
    "revenue_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_rollup_days_pkey" PRIMARY KEY ("workspace_id","touchpoint_id","day")
);

-- CreateIndex
CREATE INDEX "kpi_rollup_slots_workspace_id_slot_start_idx" ON "kpi_rollup_slots"("workspace_id", "slot_start");

-- CreateIndex
CREATE INDEX "kpi_rollup_days_workspace_id_day_idx" ON "kpi_rollup_days"("workspace_id", "day");

-- Rollup maintenance (not expressible in the Prisma schema). Statement-level triggers fold the
-- inserted / deleted / updated events of each statement into the rollups in the same transaction,
-- so rollups are never stale. Duplicates skipped by ON CONFLICT DO NOTHING never reach the
-- transition table; late events land in their own slot and day. Upserts run in key order so
-- concurrent ingest batches do not deadlock.
CREATE FUNCTION "kpi_rollup_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  part TEXT;
  measures CONSTANT TEXT := '
    %s * count(*)::int,
    %s * count(r.nps)::int,
    %s * (count(*) FILTER (WHERE r.nps >= 9))::int,
    %s * (count(*) FILTER (WHERE r.nps <= 6))::int,
    %s * count(r.csat)::int,
    %s * (count(*) FILTER (WHERE r.csat >= 4))::int,
    %s * count(r.ces)::int,
    %s * coalesce(sum(r.ces), 0)::float8,
    %s * count(r.sentiment)::int,
    %s * coalesce(sum(r.sentiment), 0)::float8,
    %s * (count(r.value) FILTER (WHERE r.kind IN (''BOOKING'', ''PURCHASE'', ''CANCELLATION'')))::int,
    %s * coalesce(sum(CASE WHEN r.kind IN (''BOOKING'', ''PURCHASE'') THEN r.value WHEN r.kind = ''CANCELLATION'' THEN -r.value END), 0)::float8';
  upsert CONSTANT TEXT := '
    ON CONFLICT (%s) DO UPDATE SET
      events = t.events + excluded.events,
      nps_responses = t.nps_responses + excluded.nps_responses,
      nps_promoters = t.nps_promoters + excluded.nps_promoters,
      nps_detractors = t.nps_detractors + excluded.nps_detractors,
      csat_responses = t.csat_responses + excluded.csat_responses,
      csat_satisfied = t.csat_satisfied + excluded.csat_satisfied,
      ces_responses = t.ces_responses + excluded.ces_responses,
      ces_sum = t.ces_sum + excluded.ces_sum,
      sentiment_responses = t.sentiment_responses + excluded.sentiment_responses,
      sentiment_sum = t.sentiment_sum + excluded.sentiment_sum,
      revenue_events = t.revenue_events + excluded.revenue_events,
      revenue_sum = t.revenue_sum + excluded.revenue_sum';
  sign TEXT;
  cols CONSTANT TEXT := 'events, nps_responses, nps_promoters, nps_detractors, csat_responses, csat_satisfied, ces_responses, ces_sum, sentiment_responses, sentiment_sum, revenue_events, revenue_sum';
BEGIN
  FOREACH part IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows'] ELSE ARRAY['old_rows', 'new_rows'] END LOOP
    sign := CASE part WHEN 'new_rows' THEN '1' ELSE '-1' END;
    EXECUTE format(
      'INSERT INTO kpi_rollup_slots AS t (workspace_id, touchpoint_id, slot_start, ' || cols || ')
       SELECT r.workspace_id, r.touchpoint_id, date_bin(''15 minutes'', r.occurred_at, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), ' || measures || '
       FROM %I r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3' || upsert,
      sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, part, 'workspace_id, touchpoint_id, slot_start');
    EXECUTE format(
      'INSERT INTO kpi_rollup_days AS t (workspace_id, touchpoint_id, day, ' || cols || ')
       SELECT r.workspace_id, r.touchpoint_id, (r.occurred_at AT TIME ZONE w.time_zone)::date, ' || measures || '
       FROM %I r JOIN workspaces w ON w.id = r.workspace_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3' || upsert,
      sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, sign, part, 'workspace_id, touchpoint_id, day');
  END LOOP;
  RETURN NULL;
END
$$;

-- Local days depend on the workspace time zone: changing it re-derives that workspace's days.
CREATE FUNCTION "kpi_rollup_time_zone_changed"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kpi_rollup_days WHERE workspace_id = NEW.id;
  INSERT INTO kpi_rollup_days (workspace_id, touchpoint_id, day, events, nps_responses, nps_promoters, nps_detractors, csat_responses, csat_satisfied, ces_responses, ces_sum, sentiment_responses, sentiment_sum, revenue_events, revenue_sum)
  SELECT r.workspace_id, r.touchpoint_id, (r.occurred_at AT TIME ZONE NEW.time_zone)::date,
    count(*)::int, count(r.nps)::int, (count(*) FILTER (WHERE r.nps >= 9))::int, (count(*) FILTER (WHERE r.nps <= 6))::int,
    count(r.csat)::int, (count(*) FILTER (WHERE r.csat >= 4))::int, count(r.ces)::int, coalesce(sum(r.ces), 0)::float8,
    count(r.sentiment)::int, coalesce(sum(r.sentiment), 0)::float8,
    (count(r.value) FILTER (WHERE r.kind IN ('BOOKING', 'PURCHASE', 'CANCELLATION')))::int,
    coalesce(sum(CASE WHEN r.kind IN ('BOOKING', 'PURCHASE') THEN r.value WHEN r.kind = 'CANCELLATION' THEN -r.value END), 0)::float8
  FROM events r WHERE r.workspace_id = NEW.id GROUP BY 1, 2, 3;
  RETURN NULL;
END
$$;

CREATE TRIGGER "kpi_rollup_events_insert" AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_rollup_events"();
CREATE TRIGGER "kpi_rollup_events_delete" AFTER DELETE ON "events" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_rollup_events"();
CREATE TRIGGER "kpi_rollup_events_update" AFTER UPDATE ON "events" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_rollup_events"();
CREATE TRIGGER "kpi_rollup_workspace_time_zone" AFTER UPDATE OF "time_zone" ON "workspaces" FOR EACH ROW WHEN (OLD."time_zone" IS DISTINCT FROM NEW."time_zone") EXECUTE FUNCTION "kpi_rollup_time_zone_changed"();
