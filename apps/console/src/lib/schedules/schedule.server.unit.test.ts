import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleKind } from '$lib/graphql/types.js';
import type * as Api from '$lib/server/api.js';
import { ApiError, requestWith } from '$lib/server/api.js';
import { scheduleActions } from './schedule.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), requestWith: vi.fn() }));

const sent = vi.mocked(requestWith);

// Only what the actions read of SvelteKit's RequestEvent.
function event(fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return { request: new Request('http://console.test/alerts', { method: 'POST', body }), locals: { token: 'wmk_admin' } };
}

function calls() {
  return sent.mock.calls.map((call) => [call[1].name, call[2]]);
}

const kinds: ScheduleKind[] = ['RISK', 'KPI_WATCH'];
const next = { cron: '0 6 * * *', timeZone: 'Europe/Lisbon', nextRuns: [] };

describe('schedule form actions', () => {
  beforeEach(() => sent.mockReset());

  it('sets a journey schedule with its target, and the workspace one without', async () => {
    const { setSchedule } = scheduleActions(kinds);
    sent.mockResolvedValueOnce({ setSchedule: { kind: 'RISK', targetId: 'j1', ...next } });
    expect(await setSchedule(event({ kind: 'RISK', targetId: 'j1', cron: ' 0  6 * * * ' }))).toEqual({ scheduleResult: { kind: 'RISK', targetId: 'j1', cron: '0 6 * * *', message: 'Schedule saved.' } });
    sent.mockResolvedValueOnce({ setSchedule: { kind: 'KPI_WATCH', targetId: 'w1', ...next } });
    expect(await setSchedule(event({ kind: 'KPI_WATCH', targetId: 'ignored', cron: '30 7 * * 1', timeZone: 'Europe/Lisbon' }))).toMatchObject({ scheduleResult: { kind: 'KPI_WATCH', targetId: null } });
    expect(calls()).toEqual([
      ['SetSchedule', { input: { kind: 'RISK', targetId: 'j1', cron: '0 6 * * *' } }],
      ['SetSchedule', { input: { kind: 'KPI_WATCH', cron: '30 7 * * 1', timeZone: 'Europe/Lisbon' } }],
    ]);
  });

  it('explains a cron without five fields before asking the API', async () => {
    const result = await scheduleActions(kinds).setSchedule(event({ kind: 'RISK', targetId: 'j1', cron: '0 6 * *' }));
    expect(result).toMatchObject({ status: 400, data: { scheduleResult: { kind: 'RISK', targetId: 'j1', cron: '0 6 * *', error: expect.stringContaining('five fields') } } });
    expect(sent).not.toHaveBeenCalled();
  });

  it("returns the API's refusal to the control that sent it", async () => {
    sent.mockRejectedValueOnce(new ApiError('Invalid cron "0 25 * * *": hour 25 is out of range.', 'BAD_USER_INPUT'));
    expect(await scheduleActions(kinds).setSchedule(event({ kind: 'RISK', targetId: 'j1', cron: '0 25 * * *' }))).toMatchObject({
      status: 400, data: { scheduleResult: { kind: 'RISK', targetId: 'j1', cron: '0 25 * * *', error: 'Invalid cron "0 25 * * *": hour 25 is out of range.' } },
    });
    sent.mockRejectedValueOnce(new ApiError('The EXECUTIVE role may not use setSchedule.', 'FORBIDDEN'));
    expect(await scheduleActions(kinds).setSchedule(event({ kind: 'KPI_WATCH', cron: '0 6 * * *' }))).toMatchObject({ status: 403 });
  });

  it('refuses a kind the page does not show, or a journey schedule without its journey', async () => {
    const { setSchedule, removeSchedule } = scheduleActions(kinds);
    expect(await setSchedule(event({ kind: 'SYNC', targetId: 'i1', cron: '0 6 * * *' }))).toMatchObject({ status: 400, data: { error: expect.stringContaining('Which schedule?') } });
    expect(await removeSchedule(event({ kind: 'RISK' }))).toMatchObject({ status: 400, data: { error: expect.stringContaining('Which schedule?') } });
    expect(sent).not.toHaveBeenCalled();
  });

  it('says whether there was a schedule to remove', async () => {
    const { removeSchedule } = scheduleActions(['AUDIT']);
    sent.mockResolvedValueOnce({ removeSchedule: true }).mockResolvedValueOnce({ removeSchedule: false });
    expect(await removeSchedule(event({ kind: 'AUDIT', targetId: 'j1' }))).toEqual({ scheduleResult: { kind: 'AUDIT', targetId: 'j1', cron: '', message: 'Schedule removed.' } });
    expect(await removeSchedule(event({ kind: 'AUDIT', targetId: 'j1' }))).toMatchObject({ scheduleResult: { message: 'There was no schedule to remove.' } });
    expect(calls()).toEqual([['RemoveSchedule', { kind: 'AUDIT', targetId: 'j1' }], ['RemoveSchedule', { kind: 'AUDIT', targetId: 'j1' }]]);
  });
});
