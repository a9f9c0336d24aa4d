import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '$lib/graphql/result.js';
import type { Initiative, ListedSchedule, Schedule } from '$lib/graphql/types.js';
import type * as Api from '$lib/server/api.js';
import { ApiError, request, requestWith } from '$lib/server/api.js';
import { actions, load } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), request: vi.fn(), requestWith: vi.fn() }));

// Every call, through either function, as [token, document, variables].
const sent = vi.fn<(token: string | undefined, document: string, variables: unknown) => Promise<unknown>>();
vi.mocked(request).mockImplementation((token, op, ...variables) => sent(token, op.document, variables[0] ?? {}) as never);
vi.mocked(requestWith).mockImplementation((token, op, variables) => sent(token, op.document, variables) as never);

const initiative = (i: number): Initiative => ({ id: `i${i}`, name: `Initiative ${i}`, description: null, startDate: '2026-10-18T00:00:00.000Z', endDate: null, cost: 1000, updatedAt: '2026-10-18T00:00:00.000Z', touchpoints: [], latestEvaluation: null });
const weekly = (targetId: string): Schedule => ({ kind: 'ROI', targetId, cron: '0 7 * * 1', timeZone: 'Europe/Lisbon', nextRuns: ['2026-11-30T07:00:00.000Z'] });
const listed = (targetId: string, targetName: string | null): ListedSchedule => ({ ...weekly(targetId), targetName });

// Answers each document by its operation name.
function answer(initiatives: Initiative[], schedules: () => Promise<ListedSchedule[]> = async () => [listed('i2', 'Initiative 2')]) {
  sent.mockImplementation(async (_token, document) => {
    if (document.startsWith('query Initiatives')) return { initiatives: { nodes: initiatives, pageInfo: { endCursor: null, hasNextPage: false } } };
    if (document.startsWith('query Touchpoints')) return { touchpoints: [] };
    if (document.startsWith('query Schedules')) return { schedules: await schedules() };
    throw new Error(`unexpected document ${document.slice(0, 40)}`);
  });
}

type LoadEvent = Parameters<typeof load>[0];
type Loaded = { schedules: Promise<Result<Record<string, Schedule>>>; initiatives: Promise<Result<Initiative[]>> };

async function loaded(): Promise<Loaded> {
  return (await load({ locals: { token: 'wmk_admin' } } as unknown as LoadEvent)) as unknown as Loaded;
}

function scheduleCalls() {
  return sent.mock.calls.filter((call) => call[1].startsWith('query Schedules'));
}

describe('initiatives page load: ROI schedules', () => {
  // Braces: a function returned from beforeEach would be called as its clean-up.
  beforeEach(() => {
    sent.mockReset();
  });

  it('reads the ROI schedules in one query, by initiative id', async () => {
    answer([initiative(1), initiative(2), initiative(3)], async () => [listed('i2', 'Initiative 2'), listed('i3', 'Initiative 3')]);
    const schedules = await (await loaded()).schedules;
    expect(schedules).toEqual({ ok: true, data: { i2: listed('i2', 'Initiative 2'), i3: listed('i3', 'Initiative 3') } });
    expect(schedules.ok && schedules.data.i1).toBeUndefined();
    const calls = scheduleCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1]).toContain('schedules(kind: $kind)');
    expect(calls[0]?.[2]).toEqual({ kind: 'ROI' });
  });

  it('asks once however many initiatives there are', async () => {
    answer(Array.from({ length: 50 }, (_, i) => initiative(i)), async () => Array.from({ length: 50 }, (_, i) => listed(`i${i}`, `Initiative ${i}`)));
    const schedules = await (await loaded()).schedules;
    expect(schedules.ok && Object.keys(schedules.data)).toHaveLength(50);
    expect(schedules.ok && schedules.data.i49?.cron).toBe('0 7 * * 1');
    expect(scheduleCalls()).toHaveLength(1);
  });

  it('gives an empty map when nothing is scheduled', async () => {
    answer([], async () => []);
    expect(await (await loaded()).schedules).toEqual({ ok: true, data: {} });
  });

  it('reports a failed schedule look-up apart from the initiatives', async () => {
    answer([initiative(1)], () => Promise.reject(new ApiError('The workflow service is unavailable.', 'UNAVAILABLE')));
    const page = await loaded();
    expect(await page.initiatives).toMatchObject({ ok: true, data: [initiative(1)] });
    expect(await page.schedules).toEqual({ ok: false, error: 'The workflow service is unavailable.', code: 'UNAVAILABLE' });
  });
});

describe('initiatives page actions: ROI schedules', () => {
  beforeEach(() => {
    sent.mockReset();
  });

  function event(fields: Record<string, string>) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    return { request: new Request('http://console.test/initiatives?/setSchedule', { method: 'POST', body }), locals: { token: 'wmk_admin' } };
  }
  type Action = NonNullable<typeof actions.setSchedule>;
  const run = (name: 'setSchedule' | 'removeSchedule', fields: Record<string, string>) => actions[name]!(event(fields) as unknown as Parameters<Action>[0]);

  it("sets and removes an initiative's ROI schedule", async () => {
    sent.mockResolvedValueOnce({ setSchedule: weekly('i1') }).mockResolvedValueOnce({ removeSchedule: true });
    expect(await run('setSchedule', { kind: 'ROI', targetId: 'i1', cron: '0 7 * * 1' })).toEqual({ scheduleResult: { kind: 'ROI', targetId: 'i1', cron: '0 7 * * 1', message: 'Schedule saved.' } });
    expect(await run('removeSchedule', { kind: 'ROI', targetId: 'i1' })).toEqual({ scheduleResult: { kind: 'ROI', targetId: 'i1', cron: '', message: 'Schedule removed.' } });
    expect(sent.mock.calls.map((call) => call[2])).toEqual([{ input: { kind: 'ROI', targetId: 'i1', cron: '0 7 * * 1' } }, { kind: 'ROI', targetId: 'i1' }]);
  });

  it('refuses another kind, or an ROI schedule without its initiative', async () => {
    expect(await run('setSchedule', { kind: 'AUDIT', targetId: 'j1', cron: '0 6 * * *' })).toMatchObject({ status: 400, data: { error: expect.stringContaining('Which schedule?') } });
    expect(await run('setSchedule', { kind: 'ROI', cron: '0 6 * * *' })).toMatchObject({ status: 400 });
    expect(sent).not.toHaveBeenCalled();
  });
});
