-- Conversion-rate pre-aggregate (SPEC §2), exact for any window whose ends are UTC midnights (the
-- console's windows) and any single scope: workspace, journey, stage, touchpoint or channel.
--
-- For each customer and scope, every UTC day with an in-scope event gives one "point": the day
-- (days since 1970-01-01), the previous active day of that customer in that scope (prev_day, or
-- -2147483648 when none) and lag_days = ceil((first conversion at or after the day's first in-scope
-- event − that event) / 24 h) (2147483647 when none). A customer is in the window [A, B) exactly
-- once, at the point with A ≤ day < B and prev_day < A, and converted within D days exactly when
-- lag_days ≤ D; so the tile is one sum over the window's days. Points are counted per key.
-- CreateTable
CREATE TABLE "kpi_conversion_days" (
    "workspace_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "prev_day" INTEGER NOT NULL,
    "lag_days" INTEGER NOT NULL,
    "customers" INTEGER NOT NULL,

    CONSTRAINT "kpi_conversion_days_pkey" PRIMARY KEY ("workspace_id","scope","scope_key","day","prev_day","lag_days")
);

-- The points of the events in events_src (id, workspace_id, customer_id, touchpoint_id, occurred_at,
-- kind; whole customers only), with touchpoints mapped by tps_src (id, stage_id, journey_id, channel).
-- next_conv is the first conversion at or after each event (peers included); it only grows with
-- time, so a day's minimum is the one of its first event.
CREATE FUNCTION "kpi_conversion_points_sql"(events_src TEXT, tps_src TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  SELECT u.workspace_id, u.scope, u.scope_key, u.day,
    coalesce(lag(u.day) OVER (PARTITION BY u.customer_id, u.scope, u.scope_key ORDER BY u.day), -2147483648) AS prev_day,
    coalesce(ceil((extract(epoch FROM u.next_conv) - extract(epoch FROM u.first_at)) / 86400)::int, 2147483647) AS lag_days
  FROM (
    SELECT x.workspace_id, x.customer_id, k.scope, k.scope_key, floor(extract(epoch FROM x.occurred_at) / 86400)::int AS day,
      min(x.occurred_at) AS first_at, min(x.next_conv) AS next_conv
    FROM (
      SELECT e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at,
        min(e.occurred_at) FILTER (WHERE e.kind IN ('BOOKING', 'PURCHASE')) OVER (PARTITION BY e.customer_id ORDER BY e.occurred_at DESC) AS next_conv
      FROM (%1$s) e) x
    JOIN (%2$s) tp ON tp.id = x.touchpoint_id
    CROSS JOIN LATERAL (VALUES ('workspace', ''), ('journey', tp.journey_id::text), ('stage', tp.stage_id::text), ('touchpoint', tp.id::text), ('channel', tp.channel)) k(scope, scope_key)
    GROUP BY 1, 2, 3, 4, 5) u
$q$, events_src, tps_src)
$fn$;

CREATE FUNCTION "kpi_conversion_tps_sql"() RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
SELECT 'SELECT t.id, t.stage_id, s.journey_id, t.channel FROM touchpoints t JOIN stages s ON s.id = t.stage_id'
$fn$;

-- Adds the points of new_points and subtracts old_points (the same customers before the change) in
-- one grouped upsert, in key order (concurrent batches wait instead of deadlocking); keys whose count
-- does not change are not written.
CREATE FUNCTION "kpi_conversion_days_delta_sql"(new_points TEXT, old_points TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
SELECT format(
  'INSERT INTO kpi_conversion_days AS t (workspace_id, scope, scope_key, day, prev_day, lag_days, customers)
   SELECT workspace_id, scope, scope_key, day, prev_day, lag_days, sum(n)::int FROM (
     SELECT p.*, 1 AS n FROM (%s) p UNION ALL SELECT p.*, -1 AS n FROM (%s) p) d
   GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
   ON CONFLICT (workspace_id, scope, scope_key, day, prev_day, lag_days) DO UPDATE SET customers = t.customers + excluded.customers',
  new_points, old_points)
$fn$;

-- Re-derives one workspace (repair, bulk loads, the backfill below).
CREATE FUNCTION "kpi_conversion_days_rebuild"(ws UUID) RETURNS VOID LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM kpi_conversion_days WHERE workspace_id = ws;
  EXECUTE format(
    'INSERT INTO kpi_conversion_days (workspace_id, scope, scope_key, day, prev_day, lag_days, customers)
     SELECT workspace_id, scope, scope_key, day, prev_day, lag_days, count(*)::int FROM (%s) p GROUP BY 1, 2, 3, 4, 5, 6',
    kpi_conversion_points_sql('SELECT id, workspace_id, customer_id, touchpoint_id, occurred_at, kind FROM events WHERE workspace_id = $1', kpi_conversion_tps_sql()))
  USING ws;
END
$fn$;

-- Statement-level, for inserts, updates (identity merges re-point customer_id) and deletes: the
-- affected customers' points now, minus their points before the statement (the events now without
-- the statement's new rows, plus its old rows). Duplicates skipped by ON CONFLICT never get here.
CREATE FUNCTION "kpi_conversion_days_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
DECLARE
  cols CONSTANT TEXT := 'id, workspace_id, customer_id, touchpoint_id, occurred_at, kind';
  affected TEXT;
  now_src TEXT;
  before_src TEXT;
BEGIN
  affected := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT DISTINCT workspace_id, customer_id FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT DISTINCT workspace_id, customer_id FROM old_rows'
    ELSE 'SELECT workspace_id, customer_id FROM new_rows UNION SELECT workspace_id, customer_id FROM old_rows' END;
  now_src := format('SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at, e.kind FROM events e
    JOIN (%s) a ON a.workspace_id = e.workspace_id AND a.customer_id = e.customer_id', affected);
  before_src := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT c.* FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = c.id)', now_src)
    WHEN 'DELETE' THEN format('%s UNION ALL SELECT %s FROM old_rows', now_src, cols)
    ELSE format('SELECT c.* FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = c.id) UNION ALL SELECT %s FROM old_rows', now_src, cols) END;
  EXECUTE kpi_conversion_days_delta_sql(kpi_conversion_points_sql(now_src, kpi_conversion_tps_sql()), kpi_conversion_points_sql(before_src, kpi_conversion_tps_sql()));
  RETURN NULL;
END
$fn$;

-- Touchpoints moved to another stage or channel: their customers' points move between scopes. The
-- "before" points map the changed touchpoints as they were. Statement-level (transition tables rule
-- out a column list), so it returns at once when no stage or channel changed.
CREATE FUNCTION "kpi_conversion_days_touchpoints_changed"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
DECLARE
  changed CONSTANT TEXT := 'SELECT o.id, o.workspace_id, o.stage_id, o.channel FROM old_tp o JOIN new_tp n ON n.id = o.id
    WHERE o.stage_id IS DISTINCT FROM n.stage_id OR o.channel IS DISTINCT FROM n.channel';
  customers_src TEXT;
  old_tps TEXT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_tp o JOIN new_tp n ON n.id = o.id WHERE o.stage_id IS DISTINCT FROM n.stage_id OR o.channel IS DISTINCT FROM n.channel) THEN
    RETURN NULL;
  END IF;
  customers_src := format('SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at, e.kind FROM events e
    JOIN (SELECT DISTINCT c.workspace_id, c.customer_id FROM events c JOIN (%s) x ON c.workspace_id = x.workspace_id AND c.touchpoint_id = x.id) a
      ON a.workspace_id = e.workspace_id AND a.customer_id = e.customer_id', changed);
  old_tps := format('SELECT t.id, coalesce(x.stage_id, t.stage_id) AS stage_id, s.journey_id, coalesce(x.channel, t.channel) AS channel
    FROM touchpoints t LEFT JOIN (%s) x ON x.id = t.id JOIN stages s ON s.id = coalesce(x.stage_id, t.stage_id)', changed);
  EXECUTE kpi_conversion_days_delta_sql(kpi_conversion_points_sql(customers_src, kpi_conversion_tps_sql()), kpi_conversion_points_sql(customers_src, old_tps));
  RETURN NULL;
END
$fn$;

-- Deleting touchpoints (or a stage, or a journey, by cascade) deletes their events after the rows
-- that map them to scopes are gone, so their points are taken out first, while still mapped.
CREATE FUNCTION "kpi_conversion_days_forget"(ws UUID, tp_ids UUID[]) RETURNS VOID LANGUAGE plpgsql AS $fn$
DECLARE
  customers_src CONSTANT TEXT := 'SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at, e.kind FROM events e
    WHERE e.workspace_id = $1 AND e.customer_id IN (SELECT c.customer_id FROM events c WHERE c.workspace_id = $1 AND c.touchpoint_id = ANY($2))';
  kept_tps CONSTANT TEXT := 'SELECT t.id, t.stage_id, s.journey_id, t.channel FROM touchpoints t JOIN stages s ON s.id = t.stage_id WHERE t.id <> ALL($2)';
BEGIN
  EXECUTE kpi_conversion_days_delta_sql(kpi_conversion_points_sql(customers_src, kept_tps), kpi_conversion_points_sql(customers_src, kpi_conversion_tps_sql()))
  USING ws, tp_ids;
END
$fn$;

CREATE FUNCTION "kpi_conversion_days_touchpoint_deleting"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM kpi_conversion_days_forget(OLD.workspace_id, ARRAY[OLD.id]);
  RETURN OLD;
END
$fn$;

CREATE FUNCTION "kpi_conversion_days_stage_deleting"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM kpi_conversion_days_forget(OLD.workspace_id, ARRAY(SELECT t.id FROM touchpoints t WHERE t.stage_id = OLD.id));
  RETURN OLD;
END
$fn$;

CREATE TRIGGER "kpi_conversion_days_events_insert" AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_conversion_days_events"();
CREATE TRIGGER "kpi_conversion_days_events_delete" AFTER DELETE ON "events" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_conversion_days_events"();
CREATE TRIGGER "kpi_conversion_days_events_update" AFTER UPDATE ON "events" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_conversion_days_events"();
CREATE TRIGGER "kpi_conversion_days_touchpoints_update" AFTER UPDATE ON "touchpoints" REFERENCING OLD TABLE AS old_tp NEW TABLE AS new_tp FOR EACH STATEMENT EXECUTE FUNCTION "kpi_conversion_days_touchpoints_changed"();

CREATE TRIGGER "kpi_conversion_days_touchpoint_delete" BEFORE DELETE ON "touchpoints" FOR EACH ROW EXECUTE FUNCTION "kpi_conversion_days_touchpoint_deleting"();
CREATE TRIGGER "kpi_conversion_days_stage_delete" BEFORE DELETE ON "stages" FOR EACH ROW EXECUTE FUNCTION "kpi_conversion_days_stage_deleting"();

-- Backfill from the events already stored.
SET LOCAL work_mem = '256MB';
SELECT kpi_conversion_days_rebuild(id) FROM workspaces ORDER BY id;
