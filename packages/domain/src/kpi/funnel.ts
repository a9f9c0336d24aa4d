import type { FunnelStep, TimeWindow } from './types.js';
import { DAY_MS } from './types.js';

export interface StageTouch {
  /** 0-based position of the stage in the journey's order. */
  stage: number;
  at: number;
}

// Conversion and drop-off per step from the number of customers that reached each step.
export function funnelFromReached(stageIds: readonly string[], reached: readonly number[]): FunnelStep[] {
  return stageIds.map((stageId, k) => {
    const here = reached[k] ?? 0;
    if (k === 0) return { stageId, reached: here, conversionFromPrevious: null, dropOff: null };
    const previous = reached[k - 1] ?? 0;
    if (previous === 0) return { stageId, reached: here, conversionFromPrevious: null, dropOff: null };
    const conversion = here / previous;
    return { stageId, reached: here, conversionFromPrevious: conversion, dropOff: 1 - conversion };
  });
}

// How many steps one customer reached (0 when they never entered step 1 inside the window).
export function stepsReached(touches: readonly StageTouch[], stageCount: number, window: TimeWindow, conversionWindowDays: number): number {
  const from = window.from.getTime();
  const to = window.to.getTime();
  let entry = Number.POSITIVE_INFINITY;
  for (const t of touches) if (t.stage === 0 && t.at >= from && t.at < to && t.at < entry) entry = t.at;
  if (entry === Number.POSITIVE_INFINITY) return 0;
  const limit = entry + conversionWindowDays * DAY_MS;
  let previous = entry;
  let steps = 1;
  for (let k = 1; k < stageCount; k += 1) {
    let next = Number.POSITIVE_INFINITY;
    for (const t of touches) if (t.stage === k && t.at >= previous && t.at <= limit && t.at < next) next = t.at;
    if (next === Number.POSITIVE_INFINITY) break;
    previous = next;
    steps += 1;
  }
  return steps;
}

// The funnel from every customer's stage touches (the in-memory path, used by the reference).
export function funnelFromTouches(
  stageIds: readonly string[],
  customers: Iterable<readonly StageTouch[]>,
  window: TimeWindow,
  conversionWindowDays: number,
): FunnelStep[] {
  const reached = stageIds.map(() => 0);
  for (const touches of customers) {
    const steps = stepsReached(touches, stageIds.length, window, conversionWindowDays);
    for (let k = 0; k < steps; k += 1) reached[k] = (reached[k] ?? 0) + 1;
  }
  return funnelFromReached(stageIds, reached);
}
