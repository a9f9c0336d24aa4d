import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Alert, KpiThreshold, Touchpoint, TouchpointRisk } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { AlertStatusGql } from '../../common/graphql/enums.js';
import { toTouchpoint } from '../journeys/journey.mapper.js';
import { alertStatusOf, AlertsService } from './alerts.service.js';
import { AlertDto, ThresholdDto, ThresholdInput, TouchpointRiskDto } from './dtos/alert.dto.js';
import { KpiWatchRunDto } from '../schedules/dtos/schedule.dto.js';

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function componentsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}

function withTouchpoint<T extends { touchpointId: string }, R>(rows: T[], touchpoints: Map<string, Touchpoint>, map: (row: T, touchpoint: Touchpoint) => R): R[] {
  return rows.flatMap((row) => {
    const touchpoint = touchpoints.get(row.touchpointId);
    return touchpoint ? [map(row, touchpoint)] : [];
  });
}

const toAlert = (row: Alert, touchpoint: Touchpoint): AlertDto => ({ ...row, status: alertStatusOf(row.status), touchpoint: toTouchpoint(touchpoint) });
const toThreshold = (row: KpiThreshold, touchpoint: Touchpoint): ThresholdDto => ({ ...row, touchpoint: toTouchpoint(touchpoint) });

function toRisk(row: TouchpointRisk, touchpoint: Touchpoint): TouchpointRiskDto {
  const c = componentsOf(row.components);
  return {
    touchpoint: toTouchpoint(touchpoint),
    score: row.score,
    rank: numberOr(c.rank),
    level: typeof c.level === 'string' ? c.level : null,
    volume: numberOr(c.volume),
    exposure: numberOr(c.exposure),
    negativeShare: numberOr(c.negativeShare),
    complaintRate: numberOr(c.complaintRate),
    trend: numberOr(c.kpiTrend),
    components: row.components,
    computedAt: row.computedAt,
  };
}

@Resolver()
export class AlertsResolver {
  constructor(@Inject(AlertsService) private readonly alertsService: AlertsService) {}

  @Allow(READERS)
  @Query(() => [AlertDto], { description: 'Newest first; all statuses unless one is given.' })
  async alerts(@CurrentPrincipal() principal: Principal, @Args('status', { type: () => AlertStatusGql, nullable: true }) status: AlertStatusGql | null): Promise<AlertDto[]> {
    const rows = await this.alertsService.list(principal, status);
    return withTouchpoint(rows, await this.alertsService.touchpoints(principal, rows.map((r) => r.touchpointId)), toAlert);
  }

  @Allow(WRITERS)
  @Mutation(() => AlertDto)
  async ackAlert(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<AlertDto> {
    return this.one(principal, await this.alertsService.transition(principal, id, 'ACK'));
  }

  @Allow(WRITERS)
  @Mutation(() => AlertDto)
  async resolveAlert(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<AlertDto> {
    return this.one(principal, await this.alertsService.transition(principal, id, 'RESOLVED'));
  }

  @Allow(READERS)
  @Query(() => [ThresholdDto])
  async thresholds(@CurrentPrincipal() principal: Principal, @Args('touchpointId', { type: () => ID, nullable: true }) touchpointId: string | null): Promise<ThresholdDto[]> {
    const rows = await this.alertsService.thresholds(principal, touchpointId);
    return withTouchpoint(rows, await this.alertsService.touchpoints(principal, rows.map((r) => r.touchpointId)), toThreshold);
  }

  @Allow(WRITERS)
  @Mutation(() => ThresholdDto, { description: 'One threshold per touchpoint and metric; setting it again replaces it.' })
  async setThreshold(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => ThresholdInput }) input: ThresholdInput): Promise<ThresholdDto> {
    const row = await this.alertsService.setThreshold(principal, input);
    const [dto] = withTouchpoint([row], await this.alertsService.touchpoints(principal, [row.touchpointId]), toThreshold);
    if (!dto) throw new Error(`threshold ${row.id} lost its touchpoint`);
    return dto;
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean)
  deleteThreshold(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.alertsService.deleteThreshold(principal, id);
  }

  @Allow(READERS)
  @Query(() => [TouchpointRiskDto], { description: 'The ranked risk register of a journey, highest risk first.' })
  async riskRegister(@CurrentPrincipal() principal: Principal, @Args('journeyId', { type: () => ID }) journeyId: string): Promise<TouchpointRiskDto[]> {
    const rows = await this.alertsService.riskRegister(principal, journeyId);
    return withTouchpoint(rows, await this.alertsService.touchpoints(principal, rows.map((r) => r.touchpointId)), toRisk);
  }

  @Allow(WRITERS)
  @Mutation(() => [TouchpointRiskDto], { description: 'Runs the risk assessment of a journey now and returns its new register, highest risk first.' })
  async assessRisks(@CurrentPrincipal() principal: Principal, @Args('journeyId', { type: () => ID }) journeyId: string): Promise<TouchpointRiskDto[]> {
    const rows = await this.alertsService.assessRisks(principal, journeyId);
    return withTouchpoint(rows, await this.alertsService.touchpoints(principal, rows.map((r) => r.touchpointId)), toRisk);
  }

  @Allow(WRITERS)
  @Mutation(() => KpiWatchRunDto, { description: 'Checks every enabled threshold now: a breach opens an alert, a recovery resolves it.' })
  runKpiWatch(@CurrentPrincipal() principal: Principal): Promise<KpiWatchRunDto> {
    return this.alertsService.runKpiWatch(principal);
  }

  private async one(principal: Principal, row: Alert): Promise<AlertDto> {
    const [dto] = withTouchpoint([row], await this.alertsService.touchpoints(principal, [row.touchpointId]), toAlert);
    if (!dto) throw new Error(`alert ${row.id} lost its touchpoint`);
    return dto;
  }
}
