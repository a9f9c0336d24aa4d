import { definePlugin, defineStream } from '@waymark/plugin-sdk';
import type { EventKind, NormalizedEvent, PluginContext } from '@waymark/plugin-sdk';
import { z } from 'zod';

// Deterministic events: the pipeline and the COPY baseline ingest exactly the same rows.
export const TOUCHPOINT_KEYS = Array.from({ length: 40 }, (_, i) => `bench-tp-${String(i).padStart(2, '0')}`);
const KINDS: EventKind[] = ['VIEW', 'CLICK', 'INQUIRY', 'BOOKING', 'PURCHASE', 'SURVEY', 'REVIEW', 'INTERACTION'];
const START_MS = Date.UTC(2026, 0, 1);
const SPAN_MS = 90 * 24 * 3600 * 1000;

export function customerCount(total: number): number {
  return Math.max(1, Math.floor(total / 10));
}

export function syntheticEvent(i: number, total: number): NormalizedEvent {
  const kind = KINDS[i % KINDS.length] ?? 'VIEW';
  const event: NormalizedEvent = {
    externalId: `bench-${i}`,
    touchpointKey: TOUCHPOINT_KEYS[i % TOUCHPOINT_KEYS.length] ?? 'bench-tp-00',
    customerRef: `email:guest${(i * 7919) % customerCount(total)}@example.com`,
    occurredAt: new Date(START_MS + Math.floor((i / total) * SPAN_MS)).toISOString(),
    kind,
  };
  if (kind === 'PURCHASE') event.value = 20 + (i % 300);
  if (kind === 'SURVEY') {
    event.nps = i % 11;
    event.csat = 1 + (i % 5);
  }
  return event;
}

const configSchema = z.object({ total: z.number().int().min(1), pageSize: z.number().int().min(1) });
type Config = z.output<typeof configSchema>;

const events = defineStream({
  name: 'events',
  description: 'Deterministic synthetic events',
  cursor: z.object({ next: z.number().int().min(0) }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    const { total, pageSize } = ctx.config;
    for (let next = cursor?.next ?? 0; next < total; next += pageSize) {
      const end = Math.min(total, next + pageSize);
      const page: NormalizedEvent[] = [];
      for (let i = next; i < end; i += 1) page.push(syntheticEvent(i, total));
      yield { events: page, nextCursor: { next: end }, hasMore: end < total };
    }
  },
});

/** The source of the ingest benchmark: a plugin like any other, run through the plugin host. */
export const syntheticPlugin = definePlugin({
  id: 'other-bench-synthetic',
  name: 'Benchmark events',
  version: '1.0.0',
  category: 'other',
  description: 'Deterministic synthetic events for the ingest benchmark',
  config: configSchema,
  streams: [events],
});
