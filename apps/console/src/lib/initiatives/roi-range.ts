// The revenue axis of the ROI chart: zero, the interval, the estimate and the cost all in view (a
// mark line does not widen an ECharts axis, so without this the cost can fall off the chart).
export function roiAxisRange(values: { ciLow: number; ciHigh: number; estimate: number; cost: number }): { min: number; max: number } {
  const low = Math.min(0, values.ciLow, values.estimate, values.cost);
  const high = Math.max(0, values.ciHigh, values.estimate, values.cost);
  const pad = (high - low || 1) * 0.08;
  return { min: low < 0 ? low - pad : 0, max: high + pad };
}
