import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Api from '$lib/server/api.js';
import { ApiError, requestWith } from '$lib/server/api.js';
import { actions } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), requestWith: vi.fn() }));

const sent = vi.mocked(requestWith);

// Only what the actions read of SvelteKit's RequestEvent.
function event(fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return { request: new Request('http://console.test/alerts?journey=j1&/assess', { method: 'POST', body }), locals: { token: 'wmk_admin' } };
}

type Action = NonNullable<typeof actions.assess>;
const run = (name: 'assess' | 'watch', fields: Record<string, string> = {}) => actions[name]!(event(fields) as unknown as Parameters<Action>[0]);

const risk = { touchpoint: { id: 't1', key: 'resort.call-center', name: 'Reservations call centre', channel: 'phone' }, score: 71.4, rank: 1, level: 'HIGH', volume: 1200, negativeShare: 0.2, complaintRate: 0.05, trend: -0.1 };

describe('alerts actions: run now', () => {
  beforeEach(() => sent.mockReset());

  it('assesses the journey and returns its new register', async () => {
    sent.mockResolvedValueOnce({ assessRisks: [risk] });
    expect(await run('assess', { journeyId: 'j1' })).toEqual({ assessed: { journeyId: 'j1', risks: [risk] } });
    expect(sent.mock.calls.map((call) => [call[0], call[1].name, call[2]])).toEqual([['wmk_admin', 'AssessRisks', { journeyId: 'j1' }]]);
  });

  it('says why an assessment failed, in the risk panel', async () => {
    sent.mockRejectedValueOnce(new ApiError('The workflow service is unavailable; try again when Temporal and the worker are running.', 'SERVICE_UNAVAILABLE'));
    expect(await run('assess', { journeyId: 'j1' })).toMatchObject({
      status: 502, data: { riskError: 'The risk assessment failed: The workflow service is unavailable; try again when Temporal and the worker are running.' },
    });
    sent.mockRejectedValueOnce(new ApiError('The API did not answer within 20 s; try a shorter date range or a narrower filter.', 'TIMEOUT'));
    expect(await run('assess', { journeyId: 'j1' })).toMatchObject({ status: 504, data: { riskError: expect.stringContaining('may still complete') } });
    expect(await run('assess')).toMatchObject({ status: 400, data: { riskError: 'Choose the journey to assess.' } });
  });

  it('checks the thresholds and returns the counts, or why it could not', async () => {
    sent.mockResolvedValueOnce({ runKpiWatch: { checked: 12, breached: 2, opened: 1, resolved: 0 } });
    expect(await run('watch')).toEqual({ watched: { checked: 12, breached: 2, opened: 1, resolved: 0 } });
    sent.mockRejectedValueOnce(new ApiError('The ANALYST role may not use runKpiWatch.', 'FORBIDDEN'));
    expect(await run('watch')).toMatchObject({ status: 403, data: { watchError: 'The threshold check failed: The ANALYST role may not use runKpiWatch.' } });
  });
});
