-- Deferred KPI maintenance for bulk ingestion.
--
-- A plugin sync used to pay for the rollups and kpi_customer_stages inside each page's insert: two
-- upserts into large indexed tables, costing as much as the insert itself. A transaction that sets
-- waymark.kpi_defer = 'on' (the sync pipeline does) now only records its new event ids in
-- kpi_rollup_pending; kpi_fold_pending(workspace) applies them later, in chunks, on another
-- connection while the next page is written. Every KPI read folds its workspace first, so answers
-- stay exact (the same idea as a GIN index's pending list).
--
-- Invariant: the rollups hold the contribution of every event that is not pending. kpi_customer_stages
-- holds at least that (a refresh from events may already include pending events; folding them again
-- is idempotent, it takes min and max).

CREATE TABLE "kpi_rollup_pending" (
    "workspace_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,

    CONSTRAINT "kpi_rollup_pending_pkey" PRIMARY KEY ("workspace_id", "event_id")
);

-- Rows live for seconds; vacuum often so that "anything pending?" stays a short index probe.
ALTER TABLE "kpi_rollup_pending" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000);

CREATE FUNCTION "kpi_deferred"() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('waymark.kpi_defer', true), '') = 'on'
$$;

-- Folds, and changes that could race with a fold (deleting or re-pointing events, moving a
-- touchpoint to another stage, changing the time zone), take this lock per workspace.
CREATE FUNCTION "kpi_fold_lock"(ws UUID) RETURNS VOID LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtextextended('waymark:kpi-fold:' || ws::text, 0))
$$;

-- Only workspaces with pending events need it: without any, no fold can be in flight there.
CREATE FUNCTION "kpi_fold_lock_if_pending"(ws UUID) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM kpi_rollup_pending WHERE workspace_id = ws) THEN
    PERFORM kpi_fold_lock(ws);
  END IF;
END
$$;

-- The rollup upsert of a source of signed event rows (columns of events plus sign), into the
-- 15-minute slots or the local days. Built as text: a trigger's transition tables are visible only
-- to statements the trigger function itself executes.
CREATE FUNCTION "kpi_rollup_upsert_sql"(src TEXT, target TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  measures CONSTANT TEXT := '
    sum(r.sign)::int AS events,
    coalesce(sum(r.sign) FILTER (WHERE r.nps IS NOT NULL), 0)::int AS nps_responses,
    coalesce(sum(r.sign) FILTER (WHERE r.nps >= 9), 0)::int AS nps_promoters,
    coalesce(sum(r.sign) FILTER (WHERE r.nps <= 6), 0)::int AS nps_detractors,
    coalesce(sum(r.sign) FILTER (WHERE r.csat IS NOT NULL), 0)::int AS csat_responses,
    coalesce(sum(r.sign) FILTER (WHERE r.csat >= 4), 0)::int AS csat_satisfied,
    coalesce(sum(r.sign) FILTER (WHERE r.ces IS NOT NULL), 0)::int AS ces_responses,
    coalesce(sum(r.sign * r.ces::numeric), 0) AS ces_sum,
    coalesce(sum(r.sign) FILTER (WHERE r.sentiment IS NOT NULL), 0)::int AS sentiment_responses,
    coalesce(sum(r.sign * r.sentiment::numeric), 0) AS sentiment_sum,
    coalesce(sum(r.sign) FILTER (WHERE r.value IS NOT NULL AND r.kind IN (''BOOKING'', ''PURCHASE'', ''CANCELLATION'')), 0)::int AS revenue_events,
    coalesce(sum(r.sign * CASE WHEN r.kind IN (''BOOKING'', ''PURCHASE'') THEN r.value WHEN r.kind = ''CANCELLATION'' THEN -r.value END::numeric), 0) AS revenue_sum';
  cols CONSTANT TEXT := 'events, nps_responses, nps_promoters, nps_detractors, csat_responses, csat_satisfied, ces_responses, ces_sum, sentiment_responses, sentiment_sum, revenue_events, revenue_sum';
  changed CONSTANT TEXT := 'WHERE d.events <> 0 OR d.nps_responses <> 0 OR d.nps_promoters <> 0 OR d.nps_detractors <> 0 OR d.csat_responses <> 0
    OR d.csat_satisfied <> 0 OR d.ces_responses <> 0 OR d.ces_sum <> 0 OR d.sentiment_responses <> 0 OR d.sentiment_sum <> 0
    OR d.revenue_events <> 0 OR d.revenue_sum <> 0';
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
BEGIN
  IF target = 'slots' THEN
    RETURN format(
      'INSERT INTO kpi_rollup_slots AS t (workspace_id, touchpoint_id, slot_start, %1$s)
       SELECT d.workspace_id, d.touchpoint_id, d.k, %1$s FROM (
         SELECT r.workspace_id, r.touchpoint_id, date_bin(''15 minutes'', r.occurred_at, TIMESTAMPTZ ''2000-01-01 00:00:00+00'') AS k, %2$s
         FROM (%3$s) r GROUP BY 1, 2, 3) d %4$s ORDER BY 1, 2, 3' || upsert,
      cols, measures, src, changed, 'workspace_id, touchpoint_id, slot_start');
  END IF;
  RETURN format(
    'INSERT INTO kpi_rollup_days AS t (workspace_id, touchpoint_id, day, %1$s)
     SELECT d.workspace_id, d.touchpoint_id, d.k, %1$s FROM (
       SELECT r.workspace_id, r.touchpoint_id, (r.occurred_at AT TIME ZONE w.time_zone)::date AS k, %2$s
       FROM (%3$s) r JOIN workspaces w ON w.id = r.workspace_id GROUP BY 1, 2, 3) d %4$s ORDER BY 1, 2, 3' || upsert,
    cols, measures, src, changed, 'workspace_id, touchpoint_id, day');
END
$$;

-- Inserts: deferred ones only record their ids. Updates and deletes leave pending events out (a
-- fold reads their current row, or finds them gone) and a delete drops their pending ids.
CREATE OR REPLACE FUNCTION "kpi_rollup_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  src TEXT;
  kept CONSTANT TEXT := ' WHERE NOT EXISTS (SELECT 1 FROM kpi_rollup_pending p WHERE p.workspace_id = x.workspace_id AND p.event_id = x.id)';
BEGIN
  IF TG_OP = 'INSERT' AND kpi_deferred() THEN
    INSERT INTO kpi_rollup_pending (workspace_id, event_id) SELECT workspace_id, id FROM new_rows;
    RETURN NULL;
  END IF;
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT x.*, 1 AS sign FROM new_rows x'
    WHEN 'DELETE' THEN 'SELECT x.*, -1 AS sign FROM old_rows x' || kept
    ELSE 'SELECT x.*, 1 AS sign FROM new_rows x' || kept || ' UNION ALL SELECT x.*, -1 AS sign FROM old_rows x' || kept END;
  EXECUTE kpi_rollup_upsert_sql(src, 'slots');
  EXECUTE kpi_rollup_upsert_sql(src, 'days');
  IF TG_OP = 'DELETE' THEN
    DELETE FROM kpi_rollup_pending p USING old_rows o WHERE p.workspace_id = o.workspace_id AND p.event_id = o.id;
  END IF;
  RETURN NULL;
END
$$;

-- The customer-stage upsert of a source of event rows: widens each (customer, stage) to the rows'
-- [first, last] and writes only rows that widen. Text for the same reason as the rollup upsert.
CREATE FUNCTION "kpi_customer_stages_upsert_sql"(src TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO kpi_customer_stages AS t (workspace_id, customer_id, stage_id, first_at, last_at)
     SELECT r.workspace_id, r.customer_id, tp.stage_id, min(r.occurred_at), max(r.occurred_at)
     FROM (%s) r JOIN touchpoints tp ON tp.id = r.touchpoint_id
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (workspace_id, customer_id, stage_id) DO UPDATE SET first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at)
     WHERE excluded.first_at < t.first_at OR excluded.last_at > t.last_at', src)
$$;

CREATE OR REPLACE FUNCTION "kpi_customer_stages_inserted"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF kpi_deferred() THEN
    RETURN NULL;
  END IF;
  EXECUTE kpi_customer_stages_upsert_sql('SELECT * FROM new_rows');
  RETURN NULL;
END
$$;

-- Deletes and updates of events take the fold lock first (the trigger name sorts before the KPI
-- triggers, so it fires first): a fold that read an event just deleted would otherwise add it back.
CREATE FUNCTION "kpi_fold_lock_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_fold_lock_if_pending(a.workspace_id) FROM (SELECT DISTINCT workspace_id FROM old_rows ORDER BY 1) a;
  RETURN NULL;
END
$$;

CREATE TRIGGER "kpi_a_fold_lock_events_delete" AFTER DELETE ON "events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_fold_lock_events"();
CREATE TRIGGER "kpi_a_fold_lock_events_update" AFTER UPDATE ON "events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_fold_lock_events"();

CREATE FUNCTION "kpi_fold_lock_row"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'workspaces' THEN
    PERFORM kpi_fold_lock_if_pending(NEW.id);
  ELSE
    PERFORM kpi_fold_lock_if_pending(NEW.workspace_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "kpi_a_fold_lock_touchpoint_stage" AFTER UPDATE OF stage_id ON "touchpoints"
  FOR EACH ROW WHEN (OLD.stage_id IS DISTINCT FROM NEW.stage_id) EXECUTE FUNCTION "kpi_fold_lock_row"();
CREATE TRIGGER "kpi_a_fold_lock_workspace_time_zone" AFTER UPDATE OF time_zone ON "workspaces"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION "kpi_fold_lock_row"();

-- Applies up to max_events pending events of a workspace (oldest first) to the rollups and
-- kpi_customer_stages; returns how many were claimed. Safe to run concurrently: folds of one
-- workspace queue on its lock. The three upserts run in the order the insert triggers run theirs
-- (customer stages, slots, days; triggers fire by name), so a fold and a concurrent non-deferred
-- insert lock rows table by table in the same order and wait for each other instead of deadlocking.
-- Each reads the claimed events by primary key, one probe per id (LIMIT 1 keeps the probe: right
-- after a bulk load the statistics are stale and the planner chose to scan the workspace instead).
CREATE FUNCTION "kpi_fold_pending"(ws UUID, max_events INTEGER DEFAULT 50000) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  ids BIGINT[];
  src CONSTANT TEXT := 'SELECT e.*, 1 AS sign FROM unnest($1) AS c(id) CROSS JOIN LATERAL (SELECT * FROM events x WHERE x.id = c.id LIMIT 1) e';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM kpi_rollup_pending WHERE workspace_id = ws) THEN
    RETURN 0;
  END IF;
  PERFORM kpi_fold_lock(ws);
  WITH claimed AS (
    DELETE FROM kpi_rollup_pending p WHERE p.workspace_id = ws AND p.event_id IN (
      SELECT q.event_id FROM kpi_rollup_pending q WHERE q.workspace_id = ws ORDER BY q.event_id LIMIT max_events)
    RETURNING p.event_id)
  SELECT array_agg(event_id) INTO ids FROM claimed;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  EXECUTE kpi_customer_stages_upsert_sql(src) USING ids;
  EXECUTE kpi_rollup_upsert_sql(src, 'slots') USING ids;
  EXECUTE kpi_rollup_upsert_sql(src, 'days') USING ids;
  RETURN cardinality(ids);
END
$$;
