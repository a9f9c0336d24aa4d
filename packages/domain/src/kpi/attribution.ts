import type { AttributionModel, TouchpointRevenue } from './types.js';
import { DAY_MS, TIME_DECAY_HALF_LIFE_DAYS } from './types.js';

export interface AttributionTouch {
  touchpointId: string;
  at: number;
}

export interface AttributableConversion {
  at: number;
  value: number;
  /** Touches in the look-back, ordered by time (ties in event order). */
  touches: readonly AttributionTouch[];
}

// Credit shares (summing to 1) of each touch of one conversion under a model.
export function touchWeights(model: AttributionModel, touches: readonly AttributionTouch[], conversionAt: number): number[] {
  const n = touches.length;
  if (n === 0) return [];
  switch (model) {
    case 'FIRST_TOUCH':
      return touches.map((_, i) => (i === 0 ? 1 : 0));
    case 'LAST_TOUCH':
      return touches.map((_, i) => (i === n - 1 ? 1 : 0));
    case 'LINEAR':
      return touches.map(() => 1 / n);
    case 'TIME_DECAY': {
      const halfLife = TIME_DECAY_HALF_LIFE_DAYS * DAY_MS;
      const raw = touches.map((t) => 0.5 ** ((conversionAt - t.at) / halfLife));
      const total = raw.reduce((s, w) => s + w, 0);
      return raw.map((w) => w / total);
    }
  }
}

// Revenue and (fractional) conversions per touchpoint; conversions without touches stay unattributed.
export function attributeRevenue(model: AttributionModel, conversions: Iterable<AttributableConversion>): TouchpointRevenue[] {
  const byTouchpoint = new Map<string, TouchpointRevenue>();
  for (const conversion of conversions) {
    const weights = touchWeights(model, conversion.touches, conversion.at);
    conversion.touches.forEach((touch, i) => {
      const w = weights[i] ?? 0;
      if (w === 0) return;
      const row = byTouchpoint.get(touch.touchpointId) ?? { touchpointId: touch.touchpointId, revenue: 0, conversions: 0 };
      row.revenue += w * conversion.value;
      row.conversions += w;
      byTouchpoint.set(touch.touchpointId, row);
    });
  }
  return sortAttribution([...byTouchpoint.values()]);
}

export function sortAttribution(rows: TouchpointRevenue[]): TouchpointRevenue[] {
  return rows.sort((a, b) => b.revenue - a.revenue || (a.touchpointId < b.touchpointId ? -1 : a.touchpointId > b.touchpointId ? 1 : 0));
}
