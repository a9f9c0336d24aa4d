import { Inject, Injectable } from '@nestjs/common';
import { computeAttribution, computeFunnel, computeHeatmap, computeKpi, computeKpiSeries, journeyRepository, touchpointRepository } from '@waymark/db';
import type { Db, Stage, Touchpoint } from '@waymark/db';
import type { AttributionModel, Bucket, KpiScope, Metric, TimeWindow } from '@waymark/domain';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { notFound } from '../../common/errors/api-error.js';
import { requireId } from '../../common/graphql/ids.js';
import { DB } from '../../common/tokens.js';
import type { KpiPointDto, KpiScopeInput, KpiValueDto, TimeWindowInput } from './dtos/kpi.dto.js';

const MAX_WINDOW_DAYS = 3660;
const WindowSchema = z
  .object({ from: z.date(), to: z.date() })
  .refine((w) => w.from.getTime() < w.to.getTime(), { message: 'window.from must be before window.to' })
  .refine((w) => w.to.getTime() - w.from.getTime() <= MAX_WINDOW_DAYS * 86_400_000, { message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
const ScopeSchema = z.object({
  journeyId: z.uuid('scope.journeyId must be a journey id').nullish(),
  stageId: z.uuid('scope.stageId must be a stage id').nullish(),
  touchpointId: z.uuid('scope.touchpointId must be a touchpoint id').nullish(),
  channel: z.string().min(1).max(50).nullish(),
});
const ConversionDays = z.number().int().min(1, 'conversionWindowDays must be at least 1').max(365, 'conversionWindowDays must be at most 365');

function toScope(input: KpiScopeInput): KpiScope {
  const parsed = ScopeSchema.parse(input);
  const scope: KpiScope = {};
  if (parsed.journeyId) scope.journeyId = parsed.journeyId;
  if (parsed.stageId) scope.stageId = parsed.stageId;
  if (parsed.touchpointId) scope.touchpointId = parsed.touchpointId;
  if (parsed.channel) scope.channel = parsed.channel;
  return scope;
}

function toWindow(input: TimeWindowInput): TimeWindow {
  return WindowSchema.parse(input);
}

@Injectable()
export class KpisService {
  constructor(@Inject(DB) private readonly db: Db) {}

  async kpi(principal: Principal, metric: Metric, scope: KpiScopeInput, window: TimeWindowInput): Promise<KpiValueDto> {
    const result = await computeKpi(this.db, principal.workspaceId, { metric, scope: toScope(scope), window: toWindow(window) });
    return { metric, value: result.value, sampleSize: result.sampleSize };
  }

  series(principal: Principal, metric: Metric, scope: KpiScopeInput, window: TimeWindowInput, bucket: Bucket): Promise<KpiPointDto[]> {
    return computeKpiSeries(this.db, principal.workspaceId, { metric, scope: toScope(scope), window: toWindow(window), bucket });
  }

  // Stages of a journey of the caller's workspace, by id; NOT_FOUND for anyone else's journey.
  async journeyStages(principal: Principal, journeyId: string): Promise<Map<string, Stage>> {
    const repo = journeyRepository(this.db.prisma, principal.workspaceId);
    const journey = await repo.find(requireId(journeyId, 'journey'));
    if (!journey) throw notFound('journey', journeyId);
    return new Map((await repo.stagesOf(journeyId)).map((stage) => [stage.id, stage]));
  }

  async funnel(principal: Principal, journeyId: string, window: TimeWindowInput, conversionWindowDays: number) {
    const stages = await this.journeyStages(principal, journeyId);
    const steps = await computeFunnel(this.db, principal.workspaceId, { journeyId, window: toWindow(window), conversionWindowDays: ConversionDays.parse(conversionWindowDays) });
    return steps.flatMap((step) => {
      const stage = stages.get(step.stageId);
      return stage ? [{ ...step, stage }] : [];
    });
  }

  async attribution(principal: Principal, journeyId: string, window: TimeWindowInput, model: AttributionModel) {
    await this.journeyStages(principal, journeyId);
    const rows = await computeAttribution(this.db, principal.workspaceId, { journeyId, window: toWindow(window), model });
    const touchpoints = await this.touchpoints(principal, rows.map((row) => row.touchpointId));
    return rows.flatMap((row) => {
      const touchpoint = touchpoints.get(row.touchpointId);
      return touchpoint ? [{ touchpoint, revenue: row.revenue, conversions: row.conversions }] : [];
    });
  }

  async heatmap(principal: Principal, journeyId: string, window: TimeWindowInput, metric: 'CSAT' | 'NPS') {
    const stages = await this.journeyStages(principal, journeyId);
    const cells = await computeHeatmap(this.db, principal.workspaceId, { journeyId, window: toWindow(window), metric });
    return cells.flatMap((cell) => {
      const stage = stages.get(cell.stageId);
      return stage ? [{ ...cell, stage }] : [];
    });
  }

  async touchpoints(principal: Principal, ids: string[]): Promise<Map<string, Touchpoint>> {
    const rows = await touchpointRepository(this.db.prisma, principal.workspaceId).findByIds(ids);
    return new Map(rows.map((row) => [row.id, row]));
  }
}
