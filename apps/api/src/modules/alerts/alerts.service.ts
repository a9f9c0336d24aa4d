import { Inject, Injectable } from '@nestjs/common';
import { thresholdValueProblem } from '@waymark/domain';
import { alertRepository, changeAlertStatus, journeyRepository, riskRepository, thresholdRepository, touchpointRepository } from '@waymark/db';
import type { Alert, AlertStatus, Db, KpiThreshold, Touchpoint, TouchpointRisk } from '@waymark/db';
import { startKpiWatch, startRiskAssessment } from '@waymark/workflows';
import type { KpiWatchResult } from '@waymark/workflows';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { badInput, notFound } from '../../common/errors/api-error.js';
import { requireId } from '../../common/graphql/ids.js';
import type { AlertStatusGql } from '../../common/graphql/enums.js';
import { DB } from '../../common/tokens.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { ThresholdInput } from './dtos/alert.dto.js';

const TO_DB: Record<AlertStatusGql, AlertStatus> = { OPEN: 'OPEN', ACK: 'ACKNOWLEDGED', RESOLVED: 'RESOLVED' };
const FROM_DB: Record<AlertStatus, AlertStatusGql> = { OPEN: 'OPEN', ACKNOWLEDGED: 'ACK', RESOLVED: 'RESOLVED' };

export function alertStatusOf(status: AlertStatus): AlertStatusGql {
  return FROM_DB[status];
}

const ThresholdSchema = z.object({
  touchpointId: z.uuid('touchpointId must be a touchpoint id'),
  value: z.number().finite(),
  windowDays: z.number().int().min(1).max(365).nullish(),
  minSample: z.number().int().min(1).max(100_000).nullish(),
  enabled: z.boolean().nullish(),
});

@Injectable()
export class AlertsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  list(principal: Principal, status: AlertStatusGql | null): Promise<Alert[]> {
    return alertRepository(this.db.prisma, principal.workspaceId).list(status ? TO_DB[status] : null);
  }

  // Repeating a transition changes nothing and notifies nobody; acknowledging a resolved alert is refused.
  async transition(principal: Principal, id: string, to: 'ACK' | 'RESOLVED'): Promise<Alert> {
    const repo = alertRepository(this.db.prisma, principal.workspaceId);
    if (!(await repo.find(requireId(id, 'alert')))) throw notFound('alert', id);
    const change = await changeAlertStatus(this.db, principal.workspaceId, id, to === 'ACK' ? 'ACKNOWLEDGED' : 'RESOLVED');
    if (change.changed) await this.auditLog.record(principal, to === 'ACK' ? 'alert.ack' : 'alert.resolve', 'Alert', id, { notifications: change.deliveryIds.length });
    await this.notifications.send(change.deliveryIds);
    const alert = await repo.find(id);
    if (!alert) throw notFound('alert', id);
    return alert;
  }

  thresholds(principal: Principal, touchpointId: string | null): Promise<KpiThreshold[]> {
    return thresholdRepository(this.db.prisma, principal.workspaceId).list(touchpointId ? requireId(touchpointId, 'touchpoint') : null);
  }

  async setThreshold(principal: Principal, input: ThresholdInput): Promise<KpiThreshold> {
    const parsed = ThresholdSchema.parse(input);
    const problem = thresholdValueProblem(input.metric, parsed.value);
    if (problem) throw badInput(`The threshold was not saved: ${problem}.`, { field: 'value' });
    if (!(await touchpointRepository(this.db.prisma, principal.workspaceId).find(parsed.touchpointId))) throw notFound('touchpoint', parsed.touchpointId);
    const threshold = await thresholdRepository(this.db.prisma, principal.workspaceId).set({
      touchpointId: parsed.touchpointId,
      metric: input.metric,
      direction: input.direction,
      value: parsed.value,
      ...(parsed.windowDays ? { windowDays: parsed.windowDays } : {}),
      ...(parsed.minSample ? { minSample: parsed.minSample } : {}),
      ...(parsed.enabled === null || parsed.enabled === undefined ? {} : { enabled: parsed.enabled }),
    });
    await this.auditLog.record(principal, 'threshold.set', 'KpiThreshold', threshold.id, { metric: input.metric, value: parsed.value });
    return threshold;
  }

  async deleteThreshold(principal: Principal, id: string): Promise<boolean> {
    if (!(await thresholdRepository(this.db.prisma, principal.workspaceId).delete(requireId(id, 'threshold')))) throw notFound('threshold', id);
    await this.auditLog.record(principal, 'threshold.delete', 'KpiThreshold', id);
    return true;
  }

  async riskRegister(principal: Principal, journeyId: string): Promise<TouchpointRisk[]> {
    if (!(await journeyRepository(this.db.prisma, principal.workspaceId).find(requireId(journeyId, 'journey')))) throw notFound('journey', journeyId);
    return riskRepository(this.db.prisma, principal.workspaceId).register(journeyId);
  }

  // On demand, the same workflow a RISK schedule runs; the answer is the register it wrote.
  async assessRisks(principal: Principal, journeyId: string): Promise<TouchpointRisk[]> {
    if (!(await journeyRepository(this.db.prisma, principal.workspaceId).find(requireId(journeyId, 'journey')))) throw notFound('journey', journeyId);
    await this.auditLog.record(principal, 'risk.assess', 'Journey', journeyId);
    await this.workflows.result('assess the journey\'s risks', (client) => startRiskAssessment(client, { workspaceId: principal.workspaceId, journeyId }));
    return riskRepository(this.db.prisma, principal.workspaceId).register(journeyId);
  }

  // On demand, the same workflow a KPI_WATCH schedule runs.
  async runKpiWatch(principal: Principal): Promise<KpiWatchResult> {
    await this.auditLog.record(principal, 'kpi-watch.run', 'Workspace', principal.workspaceId);
    return this.workflows.result('check the KPI thresholds', (client) => startKpiWatch(client, { workspaceId: principal.workspaceId }));
  }

  async touchpoints(principal: Principal, ids: string[]): Promise<Map<string, Touchpoint>> {
    const rows = await touchpointRepository(this.db.prisma, principal.workspaceId).findByIds([...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}
