-- The KPI pending list holds one row per deferred insert statement (its new event ids as an array)
-- instead of one row per event.
--
-- A sync page used to add 5,000 rows here, and its fold deleted them again: a million-event sync
-- churned a million rows and index entries through a table whose live size is about one page. On a
-- server whose autovacuum lags (or is off) the dead rows pile up and every "anything pending?" probe
-- and every claim walks them: the claim alone grew to ~90 ms per page in the ingest bench. A row per
-- statement makes that two rows per page, whatever the vacuum does.
--
-- Ids of pending events that are later deleted stay in their batch: the fold reads events by id and
-- skips ids it no longer finds, as it always did for rows deleted between write and fold.

LOCK TABLE "kpi_rollup_pending" IN ACCESS EXCLUSIVE MODE;

CREATE TABLE "kpi_rollup_pending_batches" (
    "workspace_id" UUID NOT NULL,
    "batch_id" BIGSERIAL NOT NULL,
    "events" INTEGER NOT NULL,
    "event_ids" BIGINT[],

    CONSTRAINT "kpi_rollup_pending_batches_pkey" PRIMARY KEY ("workspace_id", "batch_id")
);

-- Events pending at upgrade time, in batches of ids close together (as the trigger below makes them).
INSERT INTO "kpi_rollup_pending_batches" (workspace_id, events, event_ids)
SELECT workspace_id, count(*), array_agg(event_id ORDER BY event_id) FROM "kpi_rollup_pending" GROUP BY workspace_id, event_id / 8192 ORDER BY workspace_id, min(event_id);

DROP TABLE "kpi_rollup_pending";
ALTER TABLE "kpi_rollup_pending_batches" RENAME TO "kpi_rollup_pending";
ALTER TABLE "kpi_rollup_pending" RENAME CONSTRAINT "kpi_rollup_pending_batches_pkey" TO "kpi_rollup_pending_pkey";
ALTER SEQUENCE "kpi_rollup_pending_batches_batch_id_seq" RENAME TO "kpi_rollup_pending_batch_id_seq";

-- Deferred inserts record their ids, one row per workspace and run of 8,192 ids (a bulk statement
-- becomes several rows, so a fold's claim stays bounded). Updates and deletes of events leave pending
-- events out (a fold reads their current row, or finds them gone): one anti-join against the
-- workspace's pending ids, which are a page or two while a sync runs and none otherwise.
CREATE OR REPLACE FUNCTION "kpi_rollup_events"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  src TEXT;
  kept CONSTANT TEXT := ' WHERE NOT EXISTS (SELECT 1 FROM kpi_rollup_pending p CROSS JOIN LATERAL unnest(p.event_ids) AS q(id)
    WHERE p.workspace_id = x.workspace_id AND q.id = x.id)';
BEGIN
  IF TG_OP = 'INSERT' AND kpi_deferred() THEN
    INSERT INTO kpi_rollup_pending (workspace_id, events, event_ids)
    SELECT workspace_id, count(*), array_agg(id ORDER BY id) FROM new_rows GROUP BY workspace_id, id / 8192 ORDER BY 1, min(id);
    RETURN NULL;
  END IF;
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT x.*, 1 AS sign FROM new_rows x'
    WHEN 'DELETE' THEN 'SELECT x.*, -1 AS sign FROM old_rows x' || kept
    ELSE 'SELECT x.*, 1 AS sign FROM new_rows x' || kept || ' UNION ALL SELECT x.*, -1 AS sign FROM old_rows x' || kept END;
  EXECUTE kpi_rollup_upsert_sql(src, 'slots');
  EXECUTE kpi_rollup_upsert_sql(src, 'days');
  RETURN NULL;
END
$$;

-- Claims whole batches, oldest first, until max_events ids are claimed (at least one batch), and
-- applies them as before: returns how many ids it claimed, so a caller folds again while that
-- reaches max_events.
CREATE OR REPLACE FUNCTION "kpi_fold_pending"(ws UUID, max_events INTEGER DEFAULT 50000) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  ids BIGINT[];
  src CONSTANT TEXT := 'SELECT e.*, 1 AS sign FROM unnest($1) AS c(id) CROSS JOIN LATERAL (SELECT * FROM events x WHERE x.id = c.id LIMIT 1) e';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM kpi_rollup_pending WHERE workspace_id = ws) THEN
    RETURN 0;
  END IF;
  PERFORM kpi_fold_lock(ws);
  WITH queue AS (
    SELECT p.batch_id, sum(p.events) OVER (ORDER BY p.batch_id) - p.events AS before FROM kpi_rollup_pending p WHERE p.workspace_id = ws),
  claimed AS (
    DELETE FROM kpi_rollup_pending p USING queue q WHERE p.workspace_id = ws AND p.batch_id = q.batch_id AND q.before < max_events
    RETURNING p.event_ids)
  SELECT array_agg(c.id ORDER BY c.id) INTO ids FROM claimed CROSS JOIN LATERAL unnest(claimed.event_ids) AS c(id);
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  EXECUTE kpi_customer_stages_upsert_sql(src) USING ids;
  EXECUTE kpi_rollup_upsert_sql(src, 'slots') USING ids;
  EXECUTE kpi_rollup_upsert_sql(src, 'days') USING ids;
  RETURN cardinality(ids);
END
$$;
