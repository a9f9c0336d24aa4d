import { DAY_MS } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_JOURNEYS } from './catalog.js';
import { DemoSimulator } from './simulate.js';

const now = Date.UTC(2026, 10, 1);
const simulate = (seed: number, customers: number) => {
  const sim = new DemoSimulator(seed, now);
  return Array.from({ length: customers }, (_, i) => sim.customer(i)).flat();
};

describe('demo simulator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(simulate(42, 300)).toEqual(simulate(42, 300));
    expect(simulate(43, 300)).not.toEqual(simulate(42, 300));
  });

  it('produces about eight events per customer over the last six months, none in the future', () => {
    const events = simulate(42, 2000);
    expect(events.length / 2000).toBeGreaterThan(6);
    expect(events.length / 2000).toBeLessThan(11);
    expect(events.every((e) => e.at <= now && e.at >= now - 183 * DAY_MS)).toBe(true);
  });

  it('has bookings, purchases, cancellations, surveys with scores in range, and mentions', () => {
    const events = simulate(42, 2000);
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of ['BOOKING', 'PURCHASE', 'CANCELLATION', 'SURVEY', 'REVIEW', 'MENTION', 'COMPLAINT'] as const) expect(kinds).toContain(kind);
    expect(events.every((e) => e.csat === null || (e.csat >= 1 && e.csat <= 5))).toBe(true);
    expect(events.every((e) => e.nps === null || (e.nps >= 0 && e.nps <= 10))).toBe(true);
    expect(events.every((e) => e.sentiment === null || (e.sentiment >= -1 && e.sentiment <= 1))).toBe(true);
    expect(events.filter((e) => e.kind === 'BOOKING' || e.kind === 'PURCHASE').every((e) => (e.value ?? 0) > 0)).toBe(true);
  });

  it('lets the audio-guide feed go quiet for the last 20 days', () => {
    const quiet = simulate(42, 3000).filter((e) => e.touchpoint.key === 'tours.audio-guide');
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((e) => e.at < now - 20 * DAY_MS)).toBe(true);
  });

  it('describes a resort of three journeys and ~40 touchpoints with some inconsistent facts', () => {
    const touchpoints = DEMO_JOURNEYS.flatMap((j) => j.touchpoints);
    expect(DEMO_JOURNEYS).toHaveLength(3);
    expect(touchpoints.length).toBeGreaterThanOrEqual(38);
    expect(new Set(touchpoints.map((t) => t.key)).size).toBe(touchpoints.length);
    const prices = new Set(touchpoints.map((t) => t.facts['price.standard_room']).filter((v) => v !== undefined));
    expect(prices.size).toBeGreaterThan(1);
    expect(new Set(touchpoints.map((t) => t.mode))).toEqual(new Set(['ONLINE', 'OFFLINE']));
  });
});
