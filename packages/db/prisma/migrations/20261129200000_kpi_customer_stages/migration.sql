-- Per-customer KPI reads (conversion, funnel, attribution) scan the journey's events for their
-- customer ids: with customer_id in the key they become index-only scans. Replaces the 3-column
-- index it extends, so ingest maintains as many events indexes as before.
DROP INDEX "events_workspace_id_touchpoint_id_occurred_at_idx";

-- CreateIndex
CREATE INDEX "events_workspace_id_touchpoint_id_occurred_at_customer_id_idx" ON "events"("workspace_id", "touchpoint_id", "occurred_at", "customer_id");

-- CreateIndex (partial: only conversions, a few per cent of events, so ingest barely pays for it;
-- Prisma's schema language cannot state the predicate, the agreement test compares columns only)
CREATE INDEX "events_workspace_id_kind_occurred_at_customer_id_idx" ON "events"("workspace_id", "kind", "occurred_at", "customer_id") WHERE "kind" IN ('BOOKING', 'PURCHASE');

-- CreateTable
CREATE TABLE "kpi_customer_stages" (
    "workspace_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_customer_stages_pkey" PRIMARY KEY ("workspace_id","customer_id","stage_id")
);

-- CreateIndex
CREATE INDEX "kpi_customer_stages_stage_id_customer_id_first_at_last_at_idx" ON "kpi_customer_stages"("stage_id", "customer_id", "first_at", "last_at");

-- Maintenance (not expressible in the Prisma schema): each customer's first and last event time per
-- stage, kept in the same transaction as the events, so it is never stale. Inserts widen
-- [first_at, last_at]; deletes, updates (identity merges re-point customer_id) and touchpoint moves
-- re-derive the affected customers from their events. Upserts run in key order (no deadlocks).
CREATE FUNCTION "kpi_customer_stages_refresh"(ws UUID, customers UUID[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kpi_customer_stages t USING unnest(customers) AS c(id) WHERE t.workspace_id = ws AND t.customer_id = c.id;
  -- A new statement, so a READ COMMITTED snapshot that sees events committed meanwhile.
  INSERT INTO kpi_customer_stages AS t (workspace_id, customer_id, stage_id, first_at, last_at)
  SELECT e.workspace_id, e.customer_id, tp.stage_id, min(e.occurred_at), max(e.occurred_at)
  FROM (SELECT DISTINCT id FROM unnest(customers) AS u(id)) c
  JOIN events e ON e.workspace_id = ws AND e.customer_id = c.id
  JOIN touchpoints tp ON tp.id = e.touchpoint_id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, customer_id, stage_id) DO UPDATE SET first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at);
END
$$;

CREATE FUNCTION "kpi_customer_stages_inserted"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kpi_customer_stages AS t (workspace_id, customer_id, stage_id, first_at, last_at)
  SELECT r.workspace_id, r.customer_id, tp.stage_id, min(r.occurred_at), max(r.occurred_at)
  FROM new_rows r JOIN touchpoints tp ON tp.id = r.touchpoint_id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, customer_id, stage_id) DO UPDATE SET first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at);
  RETURN NULL;
END
$$;

CREATE FUNCTION "kpi_customer_stages_deleted"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  ws UUID;
  customers UUID[];
BEGIN
  FOR ws, customers IN SELECT workspace_id, array_agg(DISTINCT customer_id) FROM old_rows GROUP BY 1 ORDER BY 1 LOOP
    PERFORM kpi_customer_stages_refresh(ws, customers);
  END LOOP;
  RETURN NULL;
END
$$;

-- Old and new customers both: a merge empties the merged customer and fills the survivor.
CREATE FUNCTION "kpi_customer_stages_updated"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  ws UUID;
  customers UUID[];
BEGIN
  FOR ws, customers IN
    SELECT a.workspace_id, array_agg(DISTINCT a.customer_id) FROM (
      SELECT o.workspace_id, o.customer_id FROM old_rows o UNION ALL SELECT n.workspace_id, n.customer_id FROM new_rows n) a
    GROUP BY 1 ORDER BY 1
  LOOP
    PERFORM kpi_customer_stages_refresh(ws, customers);
  END LOOP;
  RETURN NULL;
END
$$;

-- A touchpoint moved to another stage: its customers' stage times change.
CREATE FUNCTION "kpi_customer_stages_touchpoint_moved"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_customer_stages_refresh(NEW.workspace_id, ARRAY(
    SELECT DISTINCT e.customer_id FROM events e WHERE e.workspace_id = NEW.workspace_id AND e.touchpoint_id = NEW.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER "kpi_customer_stages_events_insert" AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_customer_stages_inserted"();
CREATE TRIGGER "kpi_customer_stages_events_delete" AFTER DELETE ON "events" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_customer_stages_deleted"();
CREATE TRIGGER "kpi_customer_stages_events_update" AFTER UPDATE ON "events" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_customer_stages_updated"();
CREATE TRIGGER "kpi_customer_stages_touchpoint_stage" AFTER UPDATE OF "stage_id" ON "touchpoints" FOR EACH ROW WHEN (OLD."stage_id" IS DISTINCT FROM NEW."stage_id") EXECUTE FUNCTION "kpi_customer_stages_touchpoint_moved"();

-- Backfill from the events already stored.
INSERT INTO "kpi_customer_stages" (workspace_id, customer_id, stage_id, first_at, last_at)
SELECT e.workspace_id, e.customer_id, tp.stage_id, min(e.occurred_at), max(e.occurred_at)
FROM events e JOIN touchpoints tp ON tp.id = e.touchpoint_id
GROUP BY 1, 2, 3;
