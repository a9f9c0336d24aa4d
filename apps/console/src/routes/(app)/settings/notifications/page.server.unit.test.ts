import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '$lib/graphql/result.js';
import type { NotificationDelivery, NotificationWebhook } from '$lib/graphql/types.js';
import type * as Api from '$lib/server/api.js';
import { ApiError, request, requestWith } from '$lib/server/api.js';
import { actions, load } from './+page.server.js';

vi.mock('$lib/server/api.js', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), request: vi.fn(), requestWith: vi.fn() }));

// Every call, through either function, as [token, operation name, variables].
const sent = vi.fn<(token: string | undefined, name: string, variables: unknown) => Promise<unknown>>();
vi.mocked(request).mockImplementation((token, op, ...variables) => sent(token, op.name, variables[0] ?? {}) as never);
vi.mocked(requestWith).mockImplementation((token, op, variables) => sent(token, op.name, variables) as never);

const delivered: NotificationDelivery = {
  id: 'd1', event: 'alert.opened', status: 'DELIVERED', attempts: 1, responseStatus: 200, error: null,
  createdAt: '2026-12-07T10:00:00.000Z', lastAttemptAt: '2026-12-07T10:00:01.000Z', deliveredAt: '2026-12-07T10:00:01.000Z', alertId: 'a1',
};
const webhook = (id: string, name: string): NotificationWebhook => ({
  id, name, urlHint: 'https://hooks.slack.com/…', events: ['ALERT_OPENED', 'ALERT_RESOLVED'], enabled: true,
  createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', lastDelivery: null,
});
const slack = webhook('h1', 'Guest alerts on Slack');
const teams = webhook('h2', 'Ops on Teams');

describe('notifications page load', () => {
  beforeEach(() => {
    sent.mockReset();
  });

  type LoadEvent = Parameters<typeof load>[0];
  type Loaded = { webhooks: Promise<Result<NotificationWebhook[]>>; deliveries: Promise<Result<Record<string, Result<NotificationDelivery[]>>>> };
  const loaded = async () => (await load({ locals: { token: 'wmk_analyst' } } as unknown as LoadEvent)) as unknown as Loaded;

  it("reads the webhooks, then each one's 20 most recent deliveries, by webhook id", async () => {
    sent.mockImplementation(async (_token, name, variables) => {
      if (name === 'NotificationWebhooks') return { notificationWebhooks: [slack, teams] };
      const { webhookId } = variables as { webhookId: string };
      return { notificationDeliveries: { nodes: webhookId === 'h1' ? [delivered] : [], pageInfo: { endCursor: null, hasNextPage: false } } };
    });
    const page = await loaded();
    expect(await page.webhooks).toEqual({ ok: true, data: [slack, teams] });
    expect(await page.deliveries).toEqual({ ok: true, data: { h1: { ok: true, data: [delivered] }, h2: { ok: true, data: [] } } });
    expect(sent.mock.calls).toEqual([
      ['wmk_analyst', 'NotificationWebhooks', {}],
      ['wmk_analyst', 'NotificationDeliveries', { webhookId: 'h1', first: 20 }],
      ['wmk_analyst', 'NotificationDeliveries', { webhookId: 'h2', first: 20 }],
    ]);
  });

  it("keeps the other tables when one webhook's deliveries cannot be read", async () => {
    sent.mockImplementation(async (_token, name, variables) => {
      if (name === 'NotificationWebhooks') return { notificationWebhooks: [slack, teams] };
      if ((variables as { webhookId: string }).webhookId === 'h2') throw new ApiError('Notification webhook h2 not found.', 'NOT_FOUND');
      return { notificationDeliveries: { nodes: [delivered], pageInfo: { endCursor: null, hasNextPage: false } } };
    });
    expect(await (await loaded()).deliveries).toEqual({
      ok: true,
      data: { h1: { ok: true, data: [delivered] }, h2: { ok: false, error: 'Notification webhook h2 not found.', code: 'NOT_FOUND' } },
    });
  });

  it('streams a failed list as the panel result, and asks for no deliveries', async () => {
    sent.mockRejectedValueOnce(new ApiError('The PARTNER role may not use notificationWebhooks.', 'FORBIDDEN'));
    const page = await loaded();
    const refusal = { ok: false, error: 'The PARTNER role may not use notificationWebhooks.', code: 'FORBIDDEN' };
    expect(await page.webhooks).toEqual(refusal);
    expect(await page.deliveries).toEqual(refusal);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});

describe('notifications page actions', () => {
  beforeEach(() => {
    sent.mockReset();
  });

  // Only what an action reads of SvelteKit's RequestEvent; a field given a list is sent once per value, like checkboxes.
  function event(fields: Record<string, string | string[]>) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
    return { request: new Request('http://console.test/settings/notifications', { method: 'POST', body }), locals: { token: 'wmk_admin' } };
  }
  type Name = 'create' | 'update' | 'toggle' | 'test' | 'delete';
  type Action = NonNullable<typeof actions.create>;
  const run = (name: Name, fields: Record<string, string | string[]>) => actions[name]!(event(fields) as unknown as Parameters<Action>[0]);

  describe('create', () => {
    it('adds the webhook with the ticked events and returns its signing secret, once', async () => {
      const created = { webhook: { ...slack, events: ['ALERT_OPENED', 'ALERT_ACKNOWLEDGED'] }, signingSecret: 'whsec_abc123' };
      sent.mockResolvedValueOnce({ createNotificationWebhook: created });
      const fields = { name: ' Guest alerts on Slack ', url: 'https://hooks.slack.com/services/T1/B2/x', events: ['ALERT_OPENED', 'ALERT_ACKNOWLEDGED'] };
      expect(await run('create', fields)).toEqual({ created });
      expect(sent.mock.calls).toEqual([
        ['wmk_admin', 'CreateNotificationWebhook', { input: { name: 'Guest alerts on Slack', url: 'https://hooks.slack.com/services/T1/B2/x', events: ['ALERT_OPENED', 'ALERT_ACKNOWLEDGED'] } }],
      ]);
    });

    it('asks for a name, a URL and an event before calling the API', async () => {
      expect(await run('create', { name: '', url: 'https://example.com/hook', events: 'ALERT_OPENED' })).toMatchObject({ status: 400, data: { addError: expect.stringContaining('name and the URL') } });
      expect(await run('create', { name: 'Ops', url: 'https://example.com/hook', events: 'SOMETHING_ELSE' })).toMatchObject({ status: 400, data: { addError: 'Choose at least one event to send.' } });
      expect(sent).not.toHaveBeenCalled();
    });

    it("returns the API's refusal to the add form", async () => {
      sent.mockRejectedValueOnce(new ApiError('url must be an absolute http(s) URL.', 'BAD_USER_INPUT'));
      expect(await run('create', { name: 'Ops', url: 'ftp://example.com/hook', events: 'ALERT_OPENED' })).toMatchObject({ status: 400, data: { addError: 'url must be an absolute http(s) URL.' } });
    });
  });

  describe('update', () => {
    it('keeps the stored URL when the field is left blank, and sends a new one when given', async () => {
      sent.mockResolvedValue({ updateNotificationWebhook: { ...slack, name: 'Guest alerts' } });
      expect(await run('update', { id: 'h1', name: 'Guest alerts', url: '  ', events: ['ALERT_RESOLVED'] })).toEqual({ webhookId: 'h1', message: 'Saved Guest alerts.' });
      await run('update', { id: 'h1', name: 'Guest alerts', url: 'https://hooks.slack.com/services/T1/B2/new', events: ['ALERT_OPENED', 'ALERT_RESOLVED'] });
      expect(sent.mock.calls.map((call) => [call[1], call[2]])).toEqual([
        ['UpdateNotificationWebhook', { id: 'h1', input: { name: 'Guest alerts', events: ['ALERT_RESOLVED'] } }],
        ['UpdateNotificationWebhook', { id: 'h1', input: { name: 'Guest alerts', url: 'https://hooks.slack.com/services/T1/B2/new', events: ['ALERT_OPENED', 'ALERT_RESOLVED'] } }],
      ]);
    });

    it("returns a refusal to that webhook's open edit form", async () => {
      sent.mockRejectedValueOnce(new ApiError('name must be at most 120 characters.', 'BAD_USER_INPUT'));
      expect(await run('update', { id: 'h1', name: 'x'.repeat(121), events: 'ALERT_OPENED' })).toMatchObject({
        status: 400, data: { webhookId: 'h1', error: 'name must be at most 120 characters.', editing: true },
      });
      expect(await run('update', { id: 'h1', name: 'Ops' })).toMatchObject({ status: 400, data: { webhookId: 'h1', error: 'Choose at least one event to send.', editing: true } });
      expect(sent).toHaveBeenCalledTimes(1);
    });
  });

  describe('toggle', () => {
    it('pauses and resumes with enabled alone, and says what that means', async () => {
      sent.mockResolvedValueOnce({ updateNotificationWebhook: { ...slack, enabled: false } }).mockResolvedValueOnce({ updateNotificationWebhook: slack });
      expect(await run('toggle', { id: 'h1', enabled: 'false' })).toEqual({ webhookId: 'h1', message: expect.stringMatching(/^Paused: nothing is sent to it/) });
      expect(await run('toggle', { id: 'h1', enabled: 'true' })).toEqual({ webhookId: 'h1', message: expect.stringMatching(/^Resumed:/) });
      expect(sent.mock.calls.map((call) => call[2])).toEqual([{ id: 'h1', input: { enabled: false } }, { id: 'h1', input: { enabled: true } }]);
    });

    it("shows an executive's refusal on the card", async () => {
      sent.mockRejectedValueOnce(new ApiError('The EXECUTIVE role may not use updateNotificationWebhook.', 'FORBIDDEN'));
      expect(await run('toggle', { id: 'h1', enabled: 'false' })).toMatchObject({
        status: 403, data: { webhookId: 'h1', error: 'The EXECUTIVE role may not use updateNotificationWebhook.', editing: false },
      });
    });
  });

  describe('test', () => {
    it('returns the test delivery, failed ones too, for the card', async () => {
      const failed: NotificationDelivery = { ...delivered, event: 'webhook.test', status: 'FAILED', responseStatus: 404, error: 'HTTP 404 Not Found', deliveredAt: null, alertId: null };
      sent.mockResolvedValueOnce({ testNotificationWebhook: failed });
      expect(await run('test', { id: 'h1' })).toEqual({ webhookId: 'h1', tested: failed });
      expect(sent.mock.calls).toEqual([['wmk_admin', 'TestNotificationWebhook', { id: 'h1' }]]);
    });

    it('returns a refusal to the card of that webhook', async () => {
      sent.mockRejectedValueOnce(new ApiError('Notification webhook h9 not found.', 'NOT_FOUND'));
      expect(await run('test', { id: 'h9' })).toMatchObject({ status: 404, data: { webhookId: 'h9', error: 'Notification webhook h9 not found.' } });
    });
  });

  describe('delete', () => {
    it('deletes it and names it in the answer', async () => {
      sent.mockResolvedValueOnce({ deleteNotificationWebhook: true });
      expect(await run('delete', { id: 'h2', name: 'Ops on Teams' })).toEqual({ deleted: 'Ops on Teams' });
      expect(sent.mock.calls).toEqual([['wmk_admin', 'DeleteNotificationWebhook', { id: 'h2' }]]);
    });

    it('refuses a form without its webhook, before calling the API', async () => {
      expect(await run('delete', { name: 'Ops on Teams' })).toMatchObject({ status: 400, data: { error: expect.stringContaining('Which webhook?') } });
      expect(await run('test', {})).toMatchObject({ status: 400 });
      expect(sent).not.toHaveBeenCalled();
    });
  });
});
