-- The KPI maintenance upserts write only rows that change.
--
-- Rollups: an UPDATE statement (an identity merge re-pointing customer_id, the commonest update) used
-- to subtract its old rows and add its new ones in two upserts, writing every touched rollup row
-- twice to end where it started. Old and new rows are now netted in one grouped upsert (sums in
-- numeric, so they cancel exactly) and groups whose every measure nets to zero are not written.
CREATE OR REPLACE FUNCTION "kpi_rollup_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  src TEXT;
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
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o' END;
  EXECUTE format(
    'INSERT INTO kpi_rollup_slots AS t (workspace_id, touchpoint_id, slot_start, %1$s)
     SELECT d.workspace_id, d.touchpoint_id, d.k, %1$s FROM (
       SELECT r.workspace_id, r.touchpoint_id, date_bin(''15 minutes'', r.occurred_at, TIMESTAMPTZ ''2000-01-01 00:00:00+00'') AS k, %2$s
       FROM (%3$s) r GROUP BY 1, 2, 3) d %4$s ORDER BY 1, 2, 3' || upsert,
    cols, measures, src, changed, 'workspace_id, touchpoint_id, slot_start');
  EXECUTE format(
    'INSERT INTO kpi_rollup_days AS t (workspace_id, touchpoint_id, day, %1$s)
     SELECT d.workspace_id, d.touchpoint_id, d.k, %1$s FROM (
       SELECT r.workspace_id, r.touchpoint_id, (r.occurred_at AT TIME ZONE w.time_zone)::date AS k, %2$s
       FROM (%3$s) r JOIN workspaces w ON w.id = r.workspace_id GROUP BY 1, 2, 3) d %4$s ORDER BY 1, 2, 3' || upsert,
    cols, measures, src, changed, 'workspace_id, touchpoint_id, day');
  RETURN NULL;
END
$$;

-- kpi_customer_stages: a batch's events mostly fall inside the customer's known [first_at, last_at]
-- (or are re-sent); such conflicts no longer rewrite the row.
CREATE OR REPLACE FUNCTION "kpi_customer_stages_inserted"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kpi_customer_stages AS t (workspace_id, customer_id, stage_id, first_at, last_at)
  SELECT r.workspace_id, r.customer_id, tp.stage_id, min(r.occurred_at), max(r.occurred_at)
  FROM new_rows r JOIN touchpoints tp ON tp.id = r.touchpoint_id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, customer_id, stage_id) DO UPDATE SET first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at)
  WHERE excluded.first_at < t.first_at OR excluded.last_at > t.last_at;
  RETURN NULL;
END
$$;
