-- kpi_conversion_days maintenance, local for inserts: re-deriving whole customer histories cost
-- 2–3.5 s per 5,000-event batch of returning customers. An insert can only change a customer's
-- points from lo = the UTC day of their earliest new event, or, when the batch brings them a
-- conversion, the day of their last older conversion before it (every earlier point still reaches
-- an older conversion first); -infinity when there is none. Points from lo on are re-derived before
-- and after the statement; the previous active day before lo of each scope ("seed") is the same in
-- both. Updates, deletes and touchpoint changes keep re-deriving whole customers (rare).
--
-- Even so a batch of returning customers pays for reading their histories, so the pre-aggregate is
-- kept only for the workspaces listed in kpi_conversion_workspaces (kpi_conversion_days_enable);
-- the others answer the conversion tile from events, exactly, and pay nothing at ingest.

-- CreateTable
CREATE TABLE "kpi_conversion_workspaces" (
    "workspace_id" UUID NOT NULL,
    "enabled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_conversion_workspaces_pkey" PRIMARY KEY ("workspace_id")
);

-- Workspaces derived by 20261130100000 stay enabled.
INSERT INTO "kpi_conversion_workspaces" (workspace_id) SELECT DISTINCT workspace_id FROM "kpi_conversion_days";

-- Starts (or re-derives) the pre-aggregate of a workspace.
CREATE FUNCTION "kpi_conversion_days_enable"(ws UUID) RETURNS VOID LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO kpi_conversion_workspaces (workspace_id) VALUES (ws) ON CONFLICT DO NOTHING;
  PERFORM kpi_conversion_days_rebuild(ws);
END
$fn$;

CREATE FUNCTION "kpi_conversion_days_disable"(ws UUID) RETURNS VOID LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM kpi_conversion_workspaces WHERE workspace_id = ws;
  DELETE FROM kpi_conversion_days WHERE workspace_id = ws;
END
$fn$;

-- Points of events_src (whole customers from their lo on), with seed_src (workspace_id, customer_id,
-- scope, scope_key, day: each scope's last active day before lo) as the previous day of their first.
CREATE OR REPLACE FUNCTION "kpi_conversion_points_sql"(events_src TEXT, tps_src TEXT, seed_src TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  SELECT u.workspace_id, u.scope, u.scope_key, u.day, u.prev_day, u.lag_days FROM (
    SELECT v.workspace_id, v.scope, v.scope_key, v.day, v.seed,
      coalesce(lag(v.day) OVER (PARTITION BY v.customer_id, v.scope, v.scope_key ORDER BY v.day), -2147483648) AS prev_day,
      coalesce(ceil((extract(epoch FROM v.next_conv) - extract(epoch FROM v.first_at)) / 86400)::int, 2147483647) AS lag_days
    FROM (
      SELECT x.workspace_id, x.customer_id, k.scope, k.scope_key, (x.occurred_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day,
        min(x.occurred_at) AS first_at, min(x.next_conv) AS next_conv, false AS seed
      FROM (
        SELECT e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at,
          min(e.occurred_at) FILTER (WHERE e.kind IN ('BOOKING', 'PURCHASE')) OVER (PARTITION BY e.customer_id ORDER BY e.occurred_at DESC) AS next_conv
        FROM (%1$s) e) x
      JOIN (%2$s) tp ON tp.id = x.touchpoint_id
      CROSS JOIN LATERAL (VALUES ('workspace', ''), ('journey', tp.journey_id::text), ('stage', tp.stage_id::text), ('touchpoint', tp.id::text), ('channel', tp.channel)) k(scope, scope_key)
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT s.workspace_id, s.customer_id, s.scope, s.scope_key, s.day, NULL, NULL, true FROM (%3$s) s) v) u
  WHERE NOT u.seed
$q$, events_src, tps_src, seed_src)
$fn$;

CREATE OR REPLACE FUNCTION "kpi_conversion_points_sql"(events_src TEXT, tps_src TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
SELECT kpi_conversion_points_sql(events_src, tps_src, 'SELECT NULL::uuid AS workspace_id, NULL::uuid AS customer_id, NULL::text AS scope, NULL::text AS scope_key, NULL::int AS day WHERE false')
$fn$;

CREATE OR REPLACE FUNCTION "kpi_conversion_days_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
DECLARE
  cols CONSTANT TEXT := 'id, workspace_id, customer_id, touchpoint_id, occurred_at, kind';
  utc_day CONSTANT TEXT := $$(date_trunc('day', %s AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')$$;
  bounds TEXT;
  now_src TEXT;
  before_src TEXT;
  seed_src TEXT;
  saved_work_mem CONSTANT TEXT := current_setting('work_mem');
BEGIN
  -- b: the affected customers and the instant (lo) their points may change from.
  IF NOT EXISTS (SELECT 1 FROM kpi_conversion_workspaces) THEN
    RETURN NULL;
  END IF;
  bounds := CASE TG_OP
    WHEN 'INSERT' THEN format($$SELECT nb.workspace_id, nb.customer_id, CASE WHEN nb.c_min IS NULL THEN %1$s ELSE least(%1$s, coalesce((
        SELECT %2$s FROM events o WHERE o.workspace_id = nb.workspace_id AND o.customer_id = nb.customer_id AND o.kind IN ('BOOKING', 'PURCHASE')
          AND o.occurred_at <= nb.c_min AND o.id NOT IN (SELECT n.id FROM new_rows n)), '-infinity')) END AS lo
      FROM (SELECT workspace_id, customer_id, min(occurred_at) AS t_min, min(occurred_at) FILTER (WHERE kind IN ('BOOKING', 'PURCHASE')) AS c_min
            FROM new_rows GROUP BY 1, 2) nb$$, format(utc_day, 'nb.t_min'), format(utc_day, 'max(o.occurred_at)'))
    WHEN 'DELETE' THEN $$SELECT DISTINCT workspace_id, customer_id, '-infinity'::timestamptz AS lo FROM old_rows$$
    ELSE $$SELECT workspace_id, customer_id, '-infinity'::timestamptz AS lo FROM new_rows UNION SELECT workspace_id, customer_id, '-infinity' FROM old_rows$$ END;
  bounds := format('SELECT a.* FROM (%s) a WHERE a.workspace_id IN (SELECT workspace_id FROM kpi_conversion_workspaces)', bounds);
  now_src := 'SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at, e.kind FROM events e
    JOIN b ON b.workspace_id = e.workspace_id AND b.customer_id = e.customer_id AND e.occurred_at >= b.lo';
  before_src := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT c.* FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = c.id)', now_src)
    WHEN 'DELETE' THEN format('%s UNION ALL SELECT %s FROM old_rows', now_src, cols)
    ELSE format('SELECT c.* FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = c.id) UNION ALL SELECT %s FROM old_rows', now_src, cols) END;
  -- per customer and touchpoint first (one pass over the history), then per scope
  seed_src := format($$SELECT h.workspace_id, h.customer_id, k.scope, k.scope_key, max(h.day) AS day
    FROM (SELECT e.workspace_id, e.customer_id, e.touchpoint_id, max(e.occurred_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day
          FROM events e JOIN b ON b.workspace_id = e.workspace_id AND b.customer_id = e.customer_id AND e.occurred_at < b.lo GROUP BY 1, 2, 3) h
    JOIN (%s) tp ON tp.id = h.touchpoint_id
    CROSS JOIN LATERAL (VALUES ('workspace', ''), ('journey', tp.journey_id::text), ('stage', tp.stage_id::text), ('touchpoint', tp.id::text), ('channel', tp.channel)) k(scope, scope_key)
    GROUP BY 1, 2, 3, 4$$, kpi_conversion_tps_sql());
  -- Transition tables are only visible here, not in a called function. The sorts of a few hundred
  -- thousand points stay in memory: work_mem is raised for this statement only.
  PERFORM set_config('work_mem', '64MB', true);
  EXECUTE format('WITH b AS MATERIALIZED (%s), sd AS MATERIALIZED (%s) ', bounds, seed_src) || kpi_conversion_days_delta_sql(
    kpi_conversion_points_sql(now_src, kpi_conversion_tps_sql(), 'SELECT * FROM sd'), kpi_conversion_points_sql(before_src, kpi_conversion_tps_sql(), 'SELECT * FROM sd'));
  PERFORM set_config('work_mem', saved_work_mem, true);
  RETURN NULL;
END
$fn$;

-- Touchpoint changes and deletes of workspaces without the pre-aggregate have nothing to move.
CREATE OR REPLACE FUNCTION "kpi_conversion_days_touchpoints_changed"() RETURNS TRIGGER LANGUAGE plpgsql AS $fn$
DECLARE
  changed CONSTANT TEXT := 'SELECT o.id, o.workspace_id, o.stage_id, o.channel FROM old_tp o JOIN new_tp n ON n.id = o.id
    WHERE (o.stage_id IS DISTINCT FROM n.stage_id OR o.channel IS DISTINCT FROM n.channel)
      AND o.workspace_id IN (SELECT workspace_id FROM kpi_conversion_workspaces)';
  customers_src TEXT;
  old_tps TEXT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_tp o JOIN new_tp n ON n.id = o.id WHERE (o.stage_id IS DISTINCT FROM n.stage_id OR o.channel IS DISTINCT FROM n.channel)
      AND o.workspace_id IN (SELECT workspace_id FROM kpi_conversion_workspaces)) THEN
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

CREATE OR REPLACE FUNCTION "kpi_conversion_days_forget"(ws UUID, tp_ids UUID[]) RETURNS VOID LANGUAGE plpgsql AS $fn$
DECLARE
  customers_src CONSTANT TEXT := 'SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint_id, e.occurred_at, e.kind FROM events e
    WHERE e.workspace_id = $1 AND e.customer_id IN (SELECT c.customer_id FROM events c WHERE c.workspace_id = $1 AND c.touchpoint_id = ANY($2))';
  kept_tps CONSTANT TEXT := 'SELECT t.id, t.stage_id, s.journey_id, t.channel FROM touchpoints t JOIN stages s ON s.id = t.stage_id WHERE t.id <> ALL($2)';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM kpi_conversion_workspaces WHERE workspace_id = ws) THEN
    RETURN;
  END IF;
  EXECUTE kpi_conversion_days_delta_sql(kpi_conversion_points_sql(customers_src, kept_tps), kpi_conversion_points_sql(customers_src, kpi_conversion_tps_sql()))
  USING ws, tp_ids;
END
$fn$;

-- A rebuild (repair, bulk loads) only for workspaces that keep the pre-aggregate.
CREATE OR REPLACE FUNCTION "kpi_conversion_days_rebuild"(ws UUID) RETURNS VOID LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM kpi_conversion_days WHERE workspace_id = ws;
  IF NOT EXISTS (SELECT 1 FROM kpi_conversion_workspaces WHERE workspace_id = ws) THEN
    RETURN;
  END IF;
  EXECUTE format(
    'INSERT INTO kpi_conversion_days (workspace_id, scope, scope_key, day, prev_day, lag_days, customers)
     SELECT workspace_id, scope, scope_key, day, prev_day, lag_days, count(*)::int FROM (%s) p GROUP BY 1, 2, 3, 4, 5, 6',
    kpi_conversion_points_sql('SELECT id, workspace_id, customer_id, touchpoint_id, occurred_at, kind FROM events WHERE workspace_id = $1', kpi_conversion_tps_sql()))
  USING ws;
END
$fn$;
