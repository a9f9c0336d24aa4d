import type { DbPrisma } from '../client/db.js';
import type { Schedule } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export type ScheduleKindName = 'sync' | 'audit' | 'kpi-watch' | 'risk' | 'roi';

export interface ScheduleRecord {
  kind: ScheduleKindName;
  targetId: string;
  cron: string;
  timeZone: string;
}

export function scheduleRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  const key = (kind: ScheduleKindName, targetId: string) => ({ workspaceId_kind_targetId: { workspaceId, kind, targetId } });
  return {
    list(kind?: ScheduleKindName): Promise<Schedule[]> {
      return db.schedule.findMany({ ...(kind === undefined ? {} : { where: { kind } }), orderBy: [{ kind: 'asc' }, { targetId: 'asc' }] });
    },
    find(kind: ScheduleKindName, targetId: string): Promise<Schedule | null> {
      return db.schedule.findUnique({ where: key(kind, targetId) });
    },
    save(record: ScheduleRecord): Promise<Schedule> {
      const { kind, targetId, cron, timeZone } = record;
      return db.schedule.upsert({ where: key(kind, targetId), create: { workspaceId, kind, targetId, cron, timeZone }, update: { cron, timeZone } });
    },
    async remove(kind: ScheduleKindName, targetId: string): Promise<boolean> {
      return (await db.schedule.deleteMany({ where: { kind, targetId } })).count > 0;
    },
  };
}

/** Every workspace's schedules, or one workspace's (the worker re-applies them to Temporal when it starts). */
export function allSchedules(prisma: DbPrisma, workspaceId?: string): Promise<Schedule[]> {
  return prisma.schedule.findMany({ ...(workspaceId === undefined ? {} : { where: { workspaceId } }), orderBy: [{ workspaceId: 'asc' }, { kind: 'asc' }, { targetId: 'asc' }] });
}
