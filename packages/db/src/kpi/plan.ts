import { KpiError } from '@waymark/domain';
import type { TimeWindow } from '@waymark/domain';
import { foldPendingKpis } from './fold.js';
import type { SqlDb } from './sql.js';
import { num } from './sql.js';

const SLOT_MS = 15 * 60_000;

export interface Range {
  from: Date;
  to: Date;
}

// How a window is answered: whole local days from kpi_rollup_days, whole 15-minute slots from
// kpi_rollup_slots, and the sub-slot edges from the raw events.
export interface WindowPlan {
  timeZone: string;
  days: { first: string; end: string } | null;
  slots: Range[];
  raw: Range[];
}

interface BoundsRow {
  time_zone: string;
  first_day: string;
  end_day: string;
  first_day_at: unknown;
  end_day_at: unknown;
}

const range = (from: number, to: number): Range[] => (from < to ? [{ from: new Date(from), to: new Date(to) }] : []);

// Every rollup read plans its window here, so this is where pending events are folded in first.
export async function planWindow(db: SqlDb, workspaceId: string, window: TimeWindow): Promise<WindowPlan> {
  await foldPendingKpis(db, workspaceId);
  const rows = await db.query<BoundsRow>(
    `WITH b AS (
       SELECT w.time_zone, $2::timestamptz AT TIME ZONE w.time_zone AS lf, $3::timestamptz AT TIME ZONE w.time_zone AS lt
       FROM workspaces w WHERE w.id = $1::uuid),
     d AS (
       SELECT time_zone, CASE WHEN lf = date_trunc('day', lf) THEN lf ELSE date_trunc('day', lf) + interval '1 day' END AS fd,
              date_trunc('day', lt) AS ed FROM b)
     SELECT time_zone, to_char(fd, 'YYYY-MM-DD') AS first_day, to_char(ed, 'YYYY-MM-DD') AS end_day,
            (extract(epoch from fd AT TIME ZONE time_zone) * 1000)::float8 AS first_day_at,
            (extract(epoch from ed AT TIME ZONE time_zone) * 1000)::float8 AS end_day_at
     FROM d`,
    [workspaceId, window.from.toISOString(), window.to.toISOString()],
  );
  const row = rows[0];
  if (!row) throw new KpiError('NOT_FOUND', `workspace ${workspaceId} does not exist`);
  return buildPlan(row, window.from.getTime(), window.to.getTime());
}

function buildPlan(row: BoundsRow, from: number, to: number): WindowPlan {
  const s1 = Math.ceil(from / SLOT_MS) * SLOT_MS;
  const s2 = Math.floor(to / SLOT_MS) * SLOT_MS;
  const d1 = num(row.first_day_at);
  const d2 = num(row.end_day_at);
  const aligned = d1 % SLOT_MS === 0 && d2 % SLOT_MS === 0;
  if (s1 >= s2) return { timeZone: row.time_zone, days: null, slots: [], raw: range(from, to) };
  const raw = [...range(from, s1), ...range(s2, to)];
  if (!aligned || d1 >= d2) return { timeZone: row.time_zone, days: null, slots: range(s1, s2), raw };
  return { timeZone: row.time_zone, days: { first: row.first_day, end: row.end_day }, slots: [...range(s1, d1), ...range(d2, s2)], raw };
}
