import type { ChartOption } from '$lib/charts/echarts.js';
import type { FunnelStep, KpiPoint } from '$lib/graphql/types.js';

const ACCENT = '#4f46e5';
const TEAL = '#0e9f8e';
const AXIS = { axisLine: { lineStyle: { color: '#d0d4db' } }, axisLabel: { color: '#5f6672', fontSize: 11 } };

export function sparklineOption(series: KpiPoint[]): ChartOption {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: series.map((p) => p.bucketStart) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: series.map((p) => p.value), smooth: true, symbol: 'none', connectNulls: true,
      lineStyle: { width: 1.5, color: ACCENT }, areaStyle: { color: 'rgba(79,70,229,0.08)' } }],
  };
}

export function npsCsatOption(nps: KpiPoint[], csat: KpiPoint[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center', textStyle: { color: '#5f6672' } },
    grid: { left: 40, right: 40, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: nps.map((p) => p.bucketStart.slice(0, 10)), ...AXIS },
    yAxis: [
      { type: 'value', min: -100, max: 100, ...AXIS, splitLine: { lineStyle: { color: '#eef0f3' } } },
      { type: 'value', min: 0, max: 100, ...AXIS, axisLabel: { ...AXIS.axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: 'NPS', type: 'line', data: nps.map((p) => p.value), smooth: true, connectNulls: true, color: ACCENT },
      { name: 'CSAT', type: 'line', yAxisIndex: 1, data: csat.map((p) => p.value), smooth: true, connectNulls: true, color: TEAL },
    ],
  };
}

export function funnelOption(steps: FunnelStep[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', ...AXIS, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.stage.name), ...AXIS },
    series: [{ type: 'bar', data: steps.map((s) => s.reached), color: ACCENT, barMaxWidth: 26,
      label: { show: true, position: 'right', color: '#16181d', fontSize: 11 } }],
  };
}
