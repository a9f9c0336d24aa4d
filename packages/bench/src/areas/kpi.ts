import type { AdditiveMetric } from '@waymark/domain';
import { DAY_MS } from '@waymark/domain';
import { computeFunnel, computeHeatmap, computeKpi, computeKpis, computeKpiSeries } from '@waymark/db';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';
import { infoMetric, time, timeMetric } from '../harness/measure.js';
import { heatmapMatch, seriesMatch, tilesMatch } from './kpi/compare.js';
import { ensureDataset } from './kpi/dataset.js';
import { rawFunnel } from './kpi/raw-funnel.js';
import { rawConversion, rawDailySeries, rawHeatmap, rawTiles } from './kpi/raw-queries.js';

export interface KpiBenchOptions {
  database: string;
  scale: number;
  seed: number;
  now: Date;
  iterations: number;
  baselineIterations: number;
}

export function kpiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): KpiBenchOptions {
  return {
    database: env['WAYMARK_BENCH_KPI_DATABASE'] ?? 'waymark_bench',
    scale: Number(env['WAYMARK_BENCH_KPI_SCALE'] ?? 100),
    seed: Number(env['WAYMARK_BENCH_KPI_SEED'] ?? 42),
    now: new Date(Date.UTC(2026, 10, 1)),
    iterations: Number(env['WAYMARK_BENCH_KPI_ITERATIONS'] ?? 40),
    baselineIterations: Number(env['WAYMARK_BENCH_KPI_BASELINE_ITERATIONS'] ?? 7),
  };
}

const TILES: AdditiveMetric[] = ['NPS', 'CSAT', 'CES', 'SENTIMENT', 'VOLUME', 'REVENUE'];
const DASHBOARD_P95_MS = 50;
const MIN_SPEEDUP = 20;
const FUNNEL_MS = 1000;

// The executive dashboard's queries on the demo resort, each beside the plain SQL aggregate over
// raw events that gives the same answer (checked), measured in the same run.
export async function runKpiBench(context: BenchContext, options: KpiBenchOptions): Promise<BenchMetric[]> {
  const { db, demo, loadMs } = await ensureDataset(context, options);
  try {
    const ws = demo.workspaceId;
    const journeyId = demo.journeyIds.resort;
    const to = demo.to;
    const last30 = { from: new Date(to.getTime() - 30 * DAY_MS), to };
    const last90 = { from: new Date(to.getTime() - 90 * DAY_MS), to };
    const whole = { from: demo.from, to };
    const runs = { iterations: options.iterations, warmup: 2 };
    const baseRuns = { iterations: options.baselineIterations, warmup: 1 };
    const results: BenchMetric[] = [infoMetric('dataset events', demo.events, 'events'), infoMetric('dataset customers', demo.customers, 'customers')];
    if (loadMs !== null) results.push(infoMetric('dataset load (generate, insert, derive rollups)', loadMs / 1000, 's'));

    context.log('kpi: KPI tiles');
    const tiles = () => computeKpis(db, ws, { metrics: TILES, scope: { journeyId }, window: last30 });
    const tilesRaw = () => rawTiles(db, ws, journeyId, last30.from, last30.to);
    const tilesOk = tilesMatch(await tiles(), await tilesRaw(), TILES);
    results.push(...pair('KPI tiles (journey, 30 days)', await time(tiles, runs), await time(tilesRaw, baseRuns)));

    context.log('kpi: 90-day series');
    const series = () => computeKpiSeries(db, ws, { metric: 'NPS', scope: { journeyId }, window: last90, bucket: 'DAY' });
    const seriesRaw = () => rawDailySeries(db, ws, journeyId, last90.from, last90.to);
    const seriesOk = seriesMatch(await series(), await seriesRaw(), 'NPS');
    results.push(...pair('NPS series (journey, 90 days by day)', await time(series, runs), await time(seriesRaw, baseRuns)));

    context.log('kpi: heat map');
    const heatmap = () => computeHeatmap(db, ws, { journeyId, window: last90, metric: 'CSAT' });
    const heatmapRaw = () => rawHeatmap(db, ws, journeyId, last90.from, last90.to);
    const heatmapOk = heatmapMatch(await heatmap(), await heatmapRaw(), 'CSAT');
    results.push(...pair('stage × channel CSAT heat map (90 days)', await time(heatmap, runs), await time(heatmapRaw, baseRuns)));
    results.push({ ...infoMetric('fast answers equal raw aggregates', tilesOk && seriesOk && heatmapOk ? 1 : 0, 'bool'), target: '= 1', met: tilesOk && seriesOk && heatmapOk });

    context.log('kpi: conversion tile and funnel');
    const conversion = () => computeKpi(db, ws, { metric: 'CONVERSION_RATE', scope: { journeyId }, window: last30 });
    const conversionRaw = () => rawConversion(db, ws, journeyId, last30.from, last30.to, 30);
    const [fastConversion, slowConversion] = [await conversion(), await conversionRaw()];
    const conversionOk = fastConversion.sampleSize === slowConversion.customers && fastConversion.value === slowConversion.converted / slowConversion.customers;
    results.push(infoMetric('conversion-rate tile customers (journey, 30 days)', fastConversion.sampleSize, 'customers'));
    results.push(...pair('conversion-rate tile (journey, 30 days)', await time(conversion, runs), await time(conversionRaw, baseRuns)));
    results.push({ ...infoMetric('conversion rate equals the raw-events answer', conversionOk ? 1 : 0, 'bool'), target: '= 1', met: conversionOk });
    const funnel = () => computeFunnel(db, ws, { journeyId, window: whole, conversionWindowDays: 30 });
    const funnelRaw = () => rawFunnel(db, ws, demo.stageIds.resort, whole.from, whole.to, 30);
    const steps = await funnel();
    const funnelOk = JSON.stringify(steps.map((s) => s.reached)) === JSON.stringify(await funnelRaw());
    results.push(infoMetric('funnel customers entering step 1 (whole data set)', steps[0]?.reached ?? 0, 'customers'));
    const [funnelTimes, funnelRawTimes] = [await time(funnel, baseRuns), await time(funnelRaw, { iterations: 3, warmup: 0 })];
    results.push(timeMetric('journey funnel (whole data set) p50', funnelTimes.p50, funnelRawTimes.p50, {}));
    results.push(timeMetric('journey funnel (whole data set) p95', funnelTimes.p95, funnelRawTimes.p95, { maxMs: FUNNEL_MS }));
    results.push({ ...infoMetric('funnel equals the raw-events funnel', funnelOk ? 1 : 0, 'bool'), target: '= 1', met: funnelOk });
    return results;
  } finally {
    await db.close();
  }
}

function pair(name: string, fast: { p50: number; p95: number }, raw: { p50: number; p95: number }): BenchMetric[] {
  return [
    timeMetric(`${name} p50`, fast.p50, raw.p50, { minSpeedup: MIN_SPEEDUP }),
    timeMetric(`${name} p95`, fast.p95, raw.p95, { maxMs: DASHBOARD_P95_MS, minSpeedup: MIN_SPEEDUP }),
  ];
}

export const kpiArea: BenchArea = {
  name: 'kpi',
  description: 'KPI engine: dashboard queries over rollups vs plain SQL over raw events (scale-100 demo data)',
  run: (context: BenchContext) => runKpiBench(context, kpiOptionsFromEnv()),
};
