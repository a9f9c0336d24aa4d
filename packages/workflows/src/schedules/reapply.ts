import type { Client } from '@temporalio/client';
import { allSchedules } from '@waymark/db';
import type { Db, ScheduleKindName } from '@waymark/db';
import { ScheduleError, scheduleId, upsertSchedule } from './client.js';

export interface ReapplyReport {
  applied: number;
  // Rows Temporal cannot take as they are (a cron saved before crons were checked): said, not fatal.
  refused: Array<{ scheduleId: string; reason: string }>;
}

export interface ReapplyOptions {
  // Only this workspace's schedules.
  workspaceId?: string;
  // Also run each applied schedule once now (a new workspace's first audits and assessments).
  runNow?: boolean;
}

/**
 * Applies every schedule recorded in the database to Temporal, creating or replacing each (the
 * worker does it at start): a restored database, a new Temporal cluster or a change made while
 * Temporal was unreachable end up with the schedules the database holds.
 */
export async function reapplySchedules(db: Db, client: Client, options: ReapplyOptions = {}): Promise<ReapplyReport> {
  const report: ReapplyReport = { applied: 0, refused: [] };
  for (const row of await allSchedules(db.prisma, options.workspaceId)) {
    const target = { workspaceId: row.workspaceId, kind: row.kind as ScheduleKindName, targetId: row.targetId };
    try {
      const id = await upsertSchedule(client, { ...target, cron: row.cron, timezone: row.timeZone });
      if (options.runNow) await client.schedule.getHandle(id).trigger();
      report.applied += 1;
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      report.refused.push({ scheduleId: scheduleId(target), reason: error.message });
    }
  }
  return report;
}
