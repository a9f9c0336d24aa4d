import type { EventKind } from '@waymark/domain';
import { DAY_MS, seededRandom } from '@waymark/domain';
import type { DemoJourney, DemoTouchpoint } from './catalog.js';
import { DEMO_INITIATIVE, DEMO_JOURNEYS } from './catalog.js';

export interface DemoEvent {
  customer: number;
  touchpoint: DemoTouchpoint;
  at: number;
  kind: EventKind;
  value: number | null;
  csat: number | null;
  nps: number | null;
  ces: number | null;
  sentiment: number | null;
  text: string | null;
}

const HOUR_MS = 3_600_000;

const MENTIONS = [
  'Sunset from the terrace was unreal',
  'Check-in queue took forever',
  'The cultural park tour guide was brilliant',
  'Room smelled of the sea, in a good way',
  'Booking confirmation never arrived',
  'Best breakfast on the coast',
];

// Simulates one customer at a time; everything flows from one seeded stream, so a seed and a
// customer count always give the same events.
export class DemoSimulator {
  private readonly random: () => number;
  private readonly byStage: Map<DemoJourney, DemoTouchpoint[][]>;

  constructor(
    seed: number,
    private readonly now: number,
    private readonly days = 182,
  ) {
    this.random = seededRandom(seed);
    this.byStage = new Map(DEMO_JOURNEYS.map((j) => [j, [0, 1, 2, 3, 4].map((s) => j.touchpoints.filter((t) => t.stage === s))]));
  }

  customer(index: number): DemoEvent[] {
    const journey = this.pickJourney();
    const stages = this.byStage.get(journey) ?? [];
    const events: DemoEvent[] = [];
    let t = this.now - this.days * DAY_MS + this.random() * (this.days - 2) * DAY_MS;
    const add = (stage: number, kind: EventKind, extra: Partial<DemoEvent> = {}): void => {
      const touchpoint = this.pick(stages[stage] ?? []);
      if (touchpoint) events.push(this.event(index, touchpoint, t, kind, extra));
    };
    for (let i = 0, n = 2 + this.int(4); i < n; i += 1, t += this.random() * DAY_MS) add(0, this.random() < 0.7 ? 'VIEW' : 'CLICK');
    if (this.random() < 0.68) {
      for (let i = 0, n = 2 + this.int(4); i < n; i += 1, t += this.random() * 2 * DAY_MS) add(1, this.pickOf(['VIEW', 'INQUIRY', 'INTERACTION']));
      if (this.random() < 0.55) this.purchase(index, journey, stages, events, t);
    }
    return events.filter((e) => e.at <= this.now && (e.touchpoint.silentForDays === undefined || e.at < this.now - e.touchpoint.silentForDays * DAY_MS));
  }

  private purchase(index: number, journey: DemoJourney, stages: DemoTouchpoint[][], events: DemoEvent[], start: number): void {
    let t = start + this.random() * 5 * DAY_MS;
    const booking = this.pick(stages[2] ?? []);
    if (!booking) return;
    const value = this.withUplift(booking, t, this.bookingValue(journey));
    events.push(this.event(index, booking, t, journey.key === 'shop' ? 'PURCHASE' : 'BOOKING', { value }));
    if (this.random() < 0.08) {
      events.push(this.event(index, booking, t + this.random() * 10 * DAY_MS, 'CANCELLATION', { value }));
      return;
    }
    t += (journey.key === 'resort' ? 2 + this.random() * 40 : journey.key === 'tours' ? this.random() * 10 : 2 + this.random() * 4) * DAY_MS;
    for (let i = 0, n = 3 + this.int(5); i < n; i += 1, t += this.random() * 20 * HOUR_MS) {
      const touchpoint = this.pick(stages[3] ?? []);
      if (touchpoint) events.push(this.experience(index, touchpoint, t));
    }
    if (journey.key === 'resort' && this.random() < 0.25) this.tourDuringStay(index, events, t - DAY_MS);
    if (this.random() < 0.6) {
      for (let i = 0, n = 1 + this.int(3); i < n; i += 1) {
        t += this.random() * 3 * DAY_MS;
        const touchpoint = this.pick(stages[4] ?? []);
        if (touchpoint) events.push(this.advocacy(index, touchpoint, t));
      }
    }
  }

  private tourDuringStay(index: number, events: DemoEvent[], t: number): void {
    const tours = DEMO_JOURNEYS.find((j) => j.key === 'tours');
    const find = (key: string) => tours?.touchpoints.find((x) => x.key === key);
    const concierge = find('tours.concierge');
    const desk = find('tours.ticket-desk');
    const tour = find('tours.guided-tour');
    if (!concierge || !desk || !tour) return;
    events.push(this.event(index, concierge, t, 'INQUIRY'));
    events.push(this.event(index, desk, t + HOUR_MS, 'BOOKING', { value: 35 * (1 + this.int(4)) }));
    events.push(this.experience(index, tour, t + 20 * HOUR_MS));
  }

  private experience(index: number, touchpoint: DemoTouchpoint, t: number): DemoEvent {
    const q = touchpoint.quality;
    if (this.random() < (1 - q) * 0.15) return this.event(index, touchpoint, t, 'COMPLAINT', { sentiment: this.sentiment(q * 0.4) });
    const survey = this.random() < 0.55;
    return this.event(index, touchpoint, t, survey ? 'SURVEY' : 'INTERACTION', {
      csat: survey ? this.csat(q) : null,
      ces: survey && this.random() < 0.5 ? this.ces(q) : null,
    });
  }

  private advocacy(index: number, touchpoint: DemoTouchpoint, t: number): DemoEvent {
    const q = touchpoint.quality;
    if (touchpoint.type === 'INTERACTION') return this.event(index, touchpoint, t, 'SURVEY', { nps: this.nps(q), csat: this.random() < 0.5 ? this.csat(q) : null });
    if (touchpoint.channel === 'social') return this.event(index, touchpoint, t, 'MENTION', { sentiment: this.sentiment(q), text: this.pick(MENTIONS) ?? null });
    return this.event(index, touchpoint, t, 'REVIEW', { csat: this.csat(q), sentiment: this.sentiment(q), text: this.pick(MENTIONS) ?? null });
  }

  private event(customer: number, touchpoint: DemoTouchpoint, at: number, kind: EventKind, extra: Partial<DemoEvent> = {}): DemoEvent {
    return { customer, touchpoint, at: Math.round(at), kind, value: null, csat: null, nps: null, ces: null, sentiment: null, text: null, ...extra };
  }

  // The demo initiative's effect: no extra draw from the random stream, so every other event stays as it was.
  private withUplift(touchpoint: DemoTouchpoint, at: number, value: number): number {
    const started = this.now - DEMO_INITIATIVE.startedDaysAgo * DAY_MS;
    if (at < started || !DEMO_INITIATIVE.touchpoints.includes(touchpoint.key)) return value;
    return Math.round(value * DEMO_INITIATIVE.uplift * 100) / 100;
  }

  private bookingValue(journey: DemoJourney): number {
    if (journey.key === 'resort') return 189 * (1 + this.int(7));
    if (journey.key === 'tours') return 35 * (1 + this.int(4));
    return Math.round(1500 + this.random() * 10_500) / 100;
  }

  private csat(q: number): number {
    return this.random() < q ? 4 + this.int(2) : 1 + this.int(3);
  }

  private nps(q: number): number {
    const r = this.random();
    if (r < q * 0.8) return 9 + this.int(2);
    if (r < q * 0.8 + 0.25) return 7 + this.int(2);
    return this.int(7);
  }

  private ces(q: number): number {
    return Math.min(7, Math.max(1, Math.round(1 + 6 * (q + (this.random() - 0.5) * 0.6))));
  }

  private sentiment(q: number): number {
    return Math.round(Math.min(1, Math.max(-1, q * 2 - 1 + (this.random() - 0.5) * 0.9)) * 100) / 100;
  }

  private pickJourney(): DemoJourney {
    let r = this.random();
    for (const j of DEMO_JOURNEYS) {
      if (r < j.share) return j;
      r -= j.share;
    }
    return DEMO_JOURNEYS[0] ?? this.fail();
  }

  private fail(): never {
    throw new Error('the demo catalog has no journeys');
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items[this.int(items.length)];
  }

  private pickOf<T>(items: readonly T[]): T {
    return items[this.int(items.length)] ?? this.fail();
  }
}
