import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '$lib/graphql/result.js';
import type { Initiative, Schedule } from '$lib/graphql/types.js';
import type * as Api from '$lib/server/api.js';
import { ApiError, request, requestWith } from '$lib/server/api.js';
import { actions, load } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), request: vi.fn(), requestWith: vi.fn() }));

// Every call, through either function, as [token, document, variables].
const sent = vi.fn<(token: string | undefined, document: string, variables: unknown) => Promise<unknown>>();
vi.mocked(request).mockImplementation((token, op, ...variables) => sent(token, op.document, variables[0] ?? {}) as never);
vi.mocked(requestWith).mockImplementation((token, op, variables) => sent(token, op.document, variables) as never);

const initiative = (i: number): Initiative => ({ id: `i${i}`, name: `Initiative ${i}`, startDate: '2026-10-18T00:00:00.000Z', cost: 1000, touchpoints: [], latestEvaluation: null });
const weekly = (targetId: string): Schedule => ({ kind: 'ROI', targetId, cron: '0 7 * * 1', timeZone: 'Europe/Lisbon', nextRuns: ['2026-11-30T07:00:00.000Z'] });

// Answers each document by its operation name; a RoiSchedules document gets a schedule for every other initiative.
function answer(initiatives: Initiative[], schedules: (variables: Record<string, string>) => Record<string, unknown> = everyOther) {
  sent.mockImplementation(async (_token, document, variables) => {
    if (document.startsWith('query Initiatives')) return { initiatives: { nodes: initiatives, pageInfo: { endCursor: null, hasNextPage: false } } };
    if (document.startsWith('query Touchpoints')) return { touchpoints: [] };
    if (document.startsWith('query RoiSchedules')) return schedules(variables as Record<string, string>);
    throw new Error(`unexpected document ${document.slice(0, 40)}`);
  });
}

function everyOther(variables: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([name, id]) => [name.replace('t', 's'), Number(id.slice(1)) % 2 === 0 ? weekly(id) : null]));
}

type LoadEvent = Parameters<typeof load>[0];
type Loaded = { schedules: Promise<Result<Record<string, Schedule | null>>>; initiatives: Promise<Result<Initiative[]>> };

async function loaded(): Promise<Loaded> {
  return (await load({ locals: { token: 'wmk_admin' } } as unknown as LoadEvent)) as unknown as Loaded;
}

function scheduleDocuments(): string[] {
  return sent.mock.calls.map((call) => call[1]).filter((document) => document.startsWith('query RoiSchedules'));
}

describe('initiatives page load: ROI schedules', () => {
  // Braces: a function returned from beforeEach would be called as its clean-up.
  beforeEach(() => {
    sent.mockReset();
  });

  it("reads every initiative's ROI schedule, by initiative id", async () => {
    answer([initiative(1), initiative(2)]);
    expect(await (await loaded()).schedules).toEqual({ ok: true, data: { i1: null, i2: weekly('i2') } });
    const documents = scheduleDocuments();
    expect(documents).toHaveLength(1);
    expect(documents[0]).toContain('s0: schedule(kind: ROI, targetId: $t0)');
    expect(sent.mock.calls.find((call) => call[1] === documents[0])?.[2]).toEqual({ t0: 'i1', t1: 'i2' });
  });

  it('asks in batches the API accepts (at most 30 aliases a document)', async () => {
    answer(Array.from({ length: 50 }, (_, i) => initiative(i)));
    const schedules = await (await loaded()).schedules;
    expect(schedules.ok && Object.keys(schedules.data)).toHaveLength(50);
    expect(schedules.ok && schedules.data.i48).toEqual(weekly('i48'));
    expect(schedules.ok && schedules.data.i49).toBeNull();
    expect(scheduleDocuments().map((document) => document.match(/schedule\(/g)?.length)).toEqual([25, 25]);
  });

  it('asks nothing when there is no initiative', async () => {
    answer([]);
    expect(await (await loaded()).schedules).toEqual({ ok: true, data: {} });
    expect(scheduleDocuments()).toHaveLength(0);
  });

  it('reports a failed schedule look-up apart from the initiatives', async () => {
    answer([initiative(1)], () => {
      throw new ApiError('The workflow service is unavailable.', 'UNAVAILABLE');
    });
    const page = await loaded();
    expect(await page.initiatives).toMatchObject({ ok: true });
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
