import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, requestWith } from '$lib/server/api.js';
import type * as Api from '$lib/server/api.js';
import { actions } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), requestWith: vi.fn() }));

const sent = vi.mocked(requestWith);

// Only what the action reads of SvelteKit's RequestEvent.
function submit(fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const event = { request: new Request('http://console.test/settings/tokens?/conversion', { method: 'POST', body }), locals: { token: 'wmk_admin' } };
  return actions.conversion!(event as unknown as Parameters<NonNullable<typeof actions.conversion>>[0]);
}

describe('settings action: fast conversion-rate tile', () => {
  beforeEach(() => sent.mockReset());

  it('turns it on when the box is checked and off when it is cleared (a cleared box sends nothing)', async () => {
    sent.mockResolvedValueOnce({ setConversionPreaggregation: { id: 'w1', conversionPreaggregation: true } });
    expect(await submit({ enabled: 'on' })).toEqual({ conversionMessage: expect.stringContaining('tile on:') });
    sent.mockResolvedValueOnce({ setConversionPreaggregation: { id: 'w1', conversionPreaggregation: false } });
    expect(await submit({})).toEqual({ conversionMessage: expect.stringContaining('tile off:') });
    expect(sent.mock.calls.map((call) => [call[0], call[1].name, call[2]])).toEqual([
      ['wmk_admin', 'SetConversionPreaggregation', { enabled: true }],
      ['wmk_admin', 'SetConversionPreaggregation', { enabled: false }],
    ]);
  });

  it("returns the API's refusal to the form", async () => {
    sent.mockRejectedValueOnce(new ApiError('The ANALYST role may not use setConversionPreaggregation.', 'FORBIDDEN'));
    expect(await submit({ enabled: 'on' })).toMatchObject({ status: 403, data: { conversionError: 'The ANALYST role may not use setConversionPreaggregation.' } });
  });

  it('says the pre-aggregate is still being built when the API outlasts the wait while turning it on', async () => {
    sent.mockRejectedValueOnce(new ApiError('The API did not answer within 20 s; try a shorter date range or a narrower filter.', 'TIMEOUT'));
    expect(await submit({ enabled: 'on' })).toMatchObject({ status: 504, data: { conversionError: expect.stringContaining('still building') } });
  });
});
