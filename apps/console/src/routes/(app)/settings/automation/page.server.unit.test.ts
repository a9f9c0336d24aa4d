import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '$lib/graphql/result.js';
import type { ListedSchedule } from '$lib/graphql/types.js';
import type * as Api from '$lib/server/api.js';
import { ApiError, request } from '$lib/server/api.js';
import { load } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), request: vi.fn() }));

const sent = vi.mocked(request);
const audit: ListedSchedule = { kind: 'AUDIT', targetId: 'j1', targetName: 'Resort stay', cron: '0 6 * * *', timeZone: 'Europe/Lisbon', nextRuns: [] };

type LoadEvent = Parameters<typeof load>[0];
async function loaded(): Promise<Result<ListedSchedule[]>> {
  const page = (await load({ locals: { token: 'wmk_analyst' } } as unknown as LoadEvent)) as unknown as { schedules: Promise<Result<ListedSchedule[]>> };
  return page.schedules;
}

describe('automation page load', () => {
  beforeEach(() => {
    sent.mockReset();
  });

  it('reads every schedule of the workspace, of every kind, in one query', async () => {
    sent.mockResolvedValueOnce({ schedules: [audit] } as never);
    expect(await loaded()).toEqual({ ok: true, data: [audit] });
    expect(sent).toHaveBeenCalledTimes(1);
    const [token, op, variables] = sent.mock.calls[0] ?? [];
    expect([token, op?.name, variables]).toEqual(['wmk_analyst', 'Schedules', {}]);
    expect(op?.document).toContain('targetName');
  });

  it('streams a failure as the panel result', async () => {
    sent.mockRejectedValueOnce(new ApiError('The PARTNER role may not use schedules.', 'FORBIDDEN'));
    expect(await loaded()).toEqual({ ok: false, error: 'The PARTNER role may not use schedules.', code: 'FORBIDDEN' });
  });
});
