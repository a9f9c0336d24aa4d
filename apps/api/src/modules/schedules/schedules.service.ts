import { Inject, Injectable } from '@nestjs/common';
import { initiativeRepository, integrationRepository, journeyRepository, scheduleRepository, workspaceRepository } from '@waymark/db';
import type { Db } from '@waymark/db';
import { checkSchedule, deleteSchedule, describeSchedule, ScheduleError, scheduleId, upsertSchedule } from '@waymark/workflows';
import type { ScheduleKind, ScheduleTarget } from '@waymark/workflows';
import type { Principal } from '../../common/auth/auth-context.js';
import { badInput, notFound } from '../../common/errors/api-error.js';
import { requireId } from '../../common/graphql/ids.js';
import { DB } from '../../common/tokens.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { ScheduleDto, ScheduleInput } from './dtos/schedule.dto.js';
import { ScheduleKindGql } from './dtos/schedule.dto.js';

const KINDS: Record<ScheduleKindGql, ScheduleKind> = { SYNC: 'sync', AUDIT: 'audit', KPI_WATCH: 'kpi-watch', RISK: 'risk', ROI: 'roi' };
const KIND_OF = Object.fromEntries(Object.entries(KINDS).map(([gql, kind]) => [kind, gql])) as Record<ScheduleKind, ScheduleKindGql>;
// What a schedule's targetId names, by kind (KPI_WATCH: the workspace itself).
const TARGETS = { SYNC: 'integration', AUDIT: 'journey', RISK: 'journey', ROI: 'initiative' } as const;

// A schedule is recorded in the database (a backup carries it; the worker re-applies every row at
// start) and applied to Temporal, which runs it. The API checks who may touch which target.
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
  ) {}

  // The target, checked to be in the caller's workspace. Removing skips the check (the schedule id
  // holds the workspace id), so the schedule of a deleted journey or integration can still go.
  private async target(principal: Principal, kind: ScheduleKindGql, targetId: string | null | undefined, mustExist = true): Promise<ScheduleTarget> {
    const { workspaceId } = principal;
    if (kind === ScheduleKindGql.KPI_WATCH) {
      if (targetId && targetId !== workspaceId) throw badInput('A KPI_WATCH schedule covers the whole workspace: leave targetId out.', { field: 'targetId' });
      return { workspaceId, kind: 'kpi-watch', targetId: workspaceId };
    }
    const named = TARGETS[kind];
    if (!targetId) throw badInput(`A ${kind} schedule needs targetId: the ${named} it runs for.`, { field: 'targetId' });
    const id = requireId(targetId, named);
    if (mustExist && (await this.nameOf(workspaceId, named, id)) === null) throw notFound(named, targetId);
    return { workspaceId, kind: KINDS[kind], targetId: id };
  }

  // A target's name in the workspace, or null when there is none with that id.
  private async nameOf(workspaceId: string, named: (typeof TARGETS)[keyof typeof TARGETS] | 'workspace', id: string): Promise<string | null> {
    switch (named) {
      case 'workspace':
        return id === workspaceId ? ((await workspaceRepository(this.db.prisma).find(id))?.name ?? null) : null;
      case 'integration':
        return (await integrationRepository(this.db.prisma, workspaceId).find(id))?.name ?? null;
      case 'journey':
        return (await journeyRepository(this.db.prisma, workspaceId).find(id))?.name ?? null;
      case 'initiative':
        return (await initiativeRepository(this.db.prisma, workspaceId).find(id))?.name ?? null;
    }
  }

  private async workspaceTimeZone(principal: Principal): Promise<string> {
    return (await workspaceRepository(this.db.prisma).find(principal.workspaceId))?.timeZone ?? 'UTC';
  }

  // Every recorded schedule of the workspace (of one kind), with its next runs from Temporal.
  async list(principal: Principal, kind: ScheduleKindGql | null): Promise<ScheduleDto[]> {
    const rows = await scheduleRepository(this.db.prisma, principal.workspaceId).list(kind === null ? undefined : KINDS[kind]);
    return Promise.all(rows.map((row) => {
      const gqlKind = KIND_OF[row.kind as ScheduleKind];
      return this.describe(gqlKind, { workspaceId: principal.workspaceId, kind: row.kind as ScheduleKind, targetId: row.targetId }, row);
    }));
  }

  // What a schedule runs for, by name; null when the target is gone.
  targetName(principal: Principal, schedule: ScheduleDto): Promise<string | null> {
    const named = schedule.kind === ScheduleKindGql.KPI_WATCH ? 'workspace' : TARGETS[schedule.kind];
    return this.nameOf(principal.workspaceId, named, schedule.targetId);
  }

  async get(principal: Principal, kind: ScheduleKindGql, targetId: string | null | undefined): Promise<ScheduleDto | null> {
    const target = await this.target(principal, kind, targetId);
    const row = await scheduleRepository(this.db.prisma, principal.workspaceId).find(target.kind, target.targetId);
    return row ? this.describe(kind, target, row) : null;
  }

  // Recorded but not in Temporal (set while it was unreachable): no runs until the worker applies it.
  private async describe(kind: ScheduleKindGql, target: ScheduleTarget, row: { cron: string; timeZone: string }): Promise<ScheduleDto> {
    const described = await this.workflows.run('read the schedule', (client) => describeSchedule(client, target));
    return { kind, targetId: target.targetId, cron: row.cron, timeZone: row.timeZone, nextRuns: described?.nextRuns ?? [] };
  }

  // An integration shows its SYNC schedule too.
  private async mirrorOnIntegration(principal: Principal, target: ScheduleTarget, cron: string | null): Promise<void> {
    if (target.kind !== 'sync') return;
    const integrations = integrationRepository(this.db.prisma, principal.workspaceId);
    if (await integrations.find(target.targetId)) await integrations.update(target.targetId, { schedule: cron });
  }

  /** Checks a cron and time zone before anything is written (ScheduleError → BAD_USER_INPUT). */
  async check(principal: Principal, cron: string, timeZone?: string | null): Promise<string> {
    const zone = timeZone ?? (await this.workspaceTimeZone(principal));
    try {
      checkSchedule(cron, zone);
    } catch (error) {
      if (error instanceof ScheduleError) throw badInput(error.message, { field: 'cron' });
      throw error;
    }
    return zone;
  }

  async set(principal: Principal, input: ScheduleInput): Promise<ScheduleDto> {
    const target = await this.target(principal, input.kind, input.targetId);
    const cron = input.cron.trim();
    const timezone = await this.check(principal, cron, input.timeZone);
    const row = await scheduleRepository(this.db.prisma, principal.workspaceId).save({ kind: target.kind, targetId: target.targetId, cron, timeZone: timezone });
    await this.mirrorOnIntegration(principal, target, cron);
    await this.workflows.run('apply the schedule (it is saved, and the worker applies it when it next starts)', (client) => upsertSchedule(client, { ...target, cron, timezone }));
    await this.auditLog.record(principal, 'schedule.set', 'Schedule', scheduleId(target), { cron, timeZone: timezone });
    return this.describe(input.kind, target, row);
  }

  // Before a journey goes: its recorded AUDIT and RISK schedules, so none is left to fail every run.
  // Temporal is called only for a schedule the database records.
  async removeRecorded(principal: Principal, kinds: readonly ScheduleKindGql[], targetId: string): Promise<void> {
    const schedules = scheduleRepository(this.db.prisma, principal.workspaceId);
    for (const kind of kinds) {
      if (await schedules.find(KINDS[kind], targetId)) await this.remove(principal, kind, targetId);
    }
  }

  async remove(principal: Principal, kind: ScheduleKindGql, targetId: string | null | undefined): Promise<boolean> {
    const target = await this.target(principal, kind, targetId, false);
    // Temporal first: if it is unreachable nothing changes, rather than a record gone and runs going on.
    const applied = await this.workflows.run('remove the schedule', (client) => deleteSchedule(client, target));
    const recorded = await scheduleRepository(this.db.prisma, principal.workspaceId).remove(target.kind, target.targetId);
    await this.mirrorOnIntegration(principal, target, null);
    if (recorded || applied) await this.auditLog.record(principal, 'schedule.remove', 'Schedule', scheduleId(target));
    return recorded || applied;
  }
}
