import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { AttributionModel, Bucket, Metric } from '../../common/graphql/enums.js';
import { badInput } from '../../common/errors/api-error.js';
import { toTouchpoint } from '../journeys/journey.mapper.js';
import { FunnelStepDto, HeatmapCellDto, KpiPointDto, KpiScopeInput, KpiValueDto, TimeWindowInput, TouchpointRevenueDto } from './dtos/kpi.dto.js';
import { KpisService } from './kpis.service.js';

const HeatmapMetric = { CSAT: 'CSAT', NPS: 'NPS' } as const;

@Resolver()
export class KpisResolver {
  constructor(@Inject(KpisService) private readonly kpis: KpisService) {}

  @Allow(READERS)
  @Query(() => KpiValueDto)
  kpi(
    @CurrentPrincipal() principal: Principal,
    @Args('metric', { type: () => Metric }) metric: Metric,
    @Args('scope', { type: () => KpiScopeInput }) scope: KpiScopeInput,
    @Args('window', { type: () => TimeWindowInput }) window: TimeWindowInput,
  ): Promise<KpiValueDto> {
    return this.kpis.kpi(principal, metric, scope, window);
  }

  @Allow(READERS)
  @Query(() => [KpiPointDto])
  kpiSeries(
    @CurrentPrincipal() principal: Principal,
    @Args('metric', { type: () => Metric }) metric: Metric,
    @Args('scope', { type: () => KpiScopeInput }) scope: KpiScopeInput,
    @Args('window', { type: () => TimeWindowInput }) window: TimeWindowInput,
    @Args('bucket', { type: () => Bucket }) bucket: Bucket,
  ): Promise<KpiPointDto[]> {
    return this.kpis.series(principal, metric, scope, window, bucket);
  }

  @Allow(READERS)
  @Query(() => [FunnelStepDto])
  funnel(
    @CurrentPrincipal() principal: Principal,
    @Args('journeyId', { type: () => ID }) journeyId: string,
    @Args('window', { type: () => TimeWindowInput }) window: TimeWindowInput,
    @Args('conversionWindowDays', { type: () => Int, nullable: true, defaultValue: 30 }) conversionWindowDays: number,
  ): Promise<FunnelStepDto[]> {
    return this.kpis.funnel(principal, journeyId, window, conversionWindowDays);
  }

  @Allow(READERS)
  @Query(() => [TouchpointRevenueDto])
  async attribution(
    @CurrentPrincipal() principal: Principal,
    @Args('journeyId', { type: () => ID }) journeyId: string,
    @Args('window', { type: () => TimeWindowInput }) window: TimeWindowInput,
    @Args('model', { type: () => AttributionModel }) model: AttributionModel,
  ): Promise<TouchpointRevenueDto[]> {
    const rows = await this.kpis.attribution(principal, journeyId, window, model);
    return rows.map((row) => ({ ...row, touchpoint: toTouchpoint(row.touchpoint) }));
  }

  @Allow(READERS)
  @Query(() => [HeatmapCellDto], { description: 'CSAT or NPS per stage × channel of a journey.' })
  heatmap(
    @CurrentPrincipal() principal: Principal,
    @Args('journeyId', { type: () => ID }) journeyId: string,
    @Args('window', { type: () => TimeWindowInput }) window: TimeWindowInput,
    @Args('metric', { type: () => Metric, defaultValue: 'CSAT' }) metric: Metric,
  ): Promise<HeatmapCellDto[]> {
    if (metric !== HeatmapMetric.NPS && metric !== HeatmapMetric.CSAT) throw badInput(`heatmap supports CSAT or NPS, not ${metric}.`);
    return this.kpis.heatmap(principal, journeyId, window, metric);
  }
}
