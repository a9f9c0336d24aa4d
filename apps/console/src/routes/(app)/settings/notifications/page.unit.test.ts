import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '$lib/graphql/result.js';
import type { NotificationDelivery, NotificationWebhook, Role } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { ActionData, PageData } from './$types.js';

const opened: NotificationDelivery = {
  id: 'd2', event: 'alert.opened', status: 'DELIVERED', attempts: 1, responseStatus: 200, error: null,
  createdAt: '2026-12-07T10:00:00.000Z', lastAttemptAt: '2026-12-07T10:00:01.000Z', deliveredAt: '2026-12-07T10:00:01.000Z', alertId: 'a1',
};
const retrying: NotificationDelivery = {
  id: 'd1', event: 'alert.resolved', status: 'PENDING', attempts: 3, responseStatus: null, error: 'connect ECONNREFUSED 10.0.0.5:443',
  createdAt: '2026-12-06T08:00:00.000Z', lastAttemptAt: '2026-12-06T08:02:30.000Z', deliveredAt: null, alertId: 'a0',
};
const slack: NotificationWebhook = {
  id: 'h1', name: 'Guest alerts on Slack', urlHint: 'https://hooks.slack.com/…', events: ['ALERT_RESOLVED', 'ALERT_OPENED'], enabled: true,
  createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', lastDelivery: opened,
};
const teams: NotificationWebhook = {
  ...slack, id: 'h2', name: 'Ops on Teams', urlHint: 'https://acme.webhook.office.com/…', events: ['ALERT_ACKNOWLEDGED'], enabled: false, lastDelivery: null,
};

function data(role: Role, deliveries: Record<string, Result<NotificationDelivery[]>> = { h1: ok([opened, retrying]), h2: ok([]) }): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } },
    webhooks: Promise.resolve(ok([slack, teams])),
    deliveries: Promise.resolve(ok(deliveries)),
  };
}

const card = (name: string) => screen.findByRole('article', { name });

async function deliveryRows(name: string): Promise<string[][]> {
  const table = await within(await card(name)).findByRole('table', { name: 'Recent deliveries' });
  return within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent?.trim() ?? ''));
}

describe('notifications page: reading', () => {
  it('lists each webhook with its URL hint, events in words, state and last delivery', async () => {
    render(Page, { data: data('ANALYST'), form: null });
    const slackCard = await card('Guest alerts on Slack');
    expect(slackCard.textContent).toContain('https://hooks.slack.com/…');
    expect(slackCard.textContent).toContain('Sends: Alert opened, Alert resolved');
    expect(slackCard.textContent).toContain('active');
    expect(within(slackCard).getByTestId('last-delivery').textContent?.replace(/\s+/g, ' ').trim()).toBe('Last delivery: Delivered Alert opened · 7 Dec, 10:00 · HTTP 200');
    const teamsCard = await card('Ops on Teams');
    expect(teamsCard.textContent).toContain('Sends: Alert acknowledged');
    expect(teamsCard.textContent).toContain('paused');
    expect(within(teamsCard).getByTestId('last-delivery').textContent).toContain('none yet');
  });

  it('gives each webhook a table of its recent deliveries, with a CSV export', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    expect(await deliveryRows('Guest alerts on Slack')).toEqual([
      ['7 Dec, 10:00', 'Alert opened', 'Delivered', '1', 'HTTP 200', ''],
      ['6 Dec, 08:00', 'Alert resolved', 'Pending', '3', 'no answer', 'connect ECONNREFUSED 10.0.0.5:443'],
    ]);
    expect(within(await card('Guest alerts on Slack')).getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false);
    expect(within(await card('Ops on Teams')).getByText(/Nothing sent yet/)).toBeTruthy();
  });

  it('explains what is sent, when, that it is signed, and how Slack and Teams show it', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    const explained = screen.getByRole('region', { name: 'How it works' }).textContent ?? '';
    for (const part of ['opens an alert', 'acknowledges or resolves', 'waymark-signature', 'HMAC-SHA256', 'Slack and Teams incoming webhooks show that text', 'up to 8 attempts']) {
      expect(explained).toContain(part);
    }
  });

  it('is read-only for an executive: no forms, no buttons but the exports', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    await card('Ops on Teams');
    await deliveryRows('Guest alerts on Slack');
    expect(document.querySelectorAll('form')).toHaveLength(0);
    expect(screen.queryByRole('region', { name: 'Add webhook' })).toBeNull();
    expect(screen.queryAllByText(/^(Edit|Delete)…$/)).toHaveLength(0);
    expect(new Set(screen.getAllByRole('button').map((button) => button.textContent?.trim()))).toEqual(new Set(['Export CSV']));
  });

  it("shows why one webhook's deliveries could not be read, on its card only", async () => {
    render(Page, { data: data('ADMIN', { h1: ok([opened]), h2: { ok: false, error: 'Notification webhook h2 not found.', code: 'NOT_FOUND' } }), form: null });
    expect((await within(await card('Ops on Teams')).findByRole('alert')).textContent).toBe('Notification webhook h2 not found.');
    expect(await deliveryRows('Guest alerts on Slack')).toHaveLength(1);
  });

  it('says so when there is no webhook', async () => {
    render(Page, { data: { ...data('ANALYST'), webhooks: Promise.resolve(ok([])) }, form: null });
    expect(await screen.findByText('No webhooks yet. An admin can add one.')).toBeTruthy();
  });
});

describe('notifications page: an admin', () => {
  it('gets an add form with name, URL and the events, opened and resolved ticked', async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const add = screen.getByRole('form', { name: 'Add webhook' });
    expect(add.getAttribute('action')).toBe('?/create');
    expect(within(add).getByRole('textbox', { name: /Name/ }).getAttribute('name')).toBe('name');
    expect(within(add).getByRole('textbox', { name: /URL/ }).getAttribute('type')).toBe('url');
    const ticked = within(add).getAllByRole('checkbox').map((box) => [box.parentElement?.textContent?.trim(), (box as HTMLInputElement).checked]);
    expect(ticked).toEqual([['Alert opened', true], ['Alert acknowledged', false], ['Alert resolved', true]]);
  });

  it('gets Pause or Resume, Send test, an edit form keeping the URL when blank, and a two-step delete per webhook', async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const slackCard = await card('Guest alerts on Slack');
    const pause = within(slackCard).getByRole('button', { name: 'Pause' });
    expect(pause.closest('form')?.getAttribute('action')).toBe('?/toggle');
    expect((pause.closest('form')?.elements.namedItem('enabled') as HTMLInputElement).value).toBe('false');
    expect(within(slackCard).getByRole('button', { name: 'Send test' }).closest('form')?.getAttribute('action')).toBe('?/test');
    expect(within(await card('Ops on Teams')).getByRole('button', { name: 'Resume' })).toBeTruthy();

    const editor = within(slackCard).getByRole('form', { name: 'Edit Guest alerts on Slack', hidden: true });
    expect(editor.getAttribute('action')).toBe('?/update');
    const url = editor.querySelector('[name="url"]') as HTMLInputElement;
    expect([url.value, url.placeholder, url.required]).toEqual(['', 'https://hooks.slack.com/…', false]);
    expect(document.getElementById(url.getAttribute('aria-describedby') ?? '')?.textContent).toContain('blank to keep the stored URL');
    const ticked = [...editor.querySelectorAll<HTMLInputElement>('[name="events"]')].filter((box) => box.checked).map((box) => box.value);
    expect(ticked).toEqual(['ALERT_OPENED', 'ALERT_RESOLVED']);

    const remove = within(slackCard).getByRole('button', { name: 'Delete Guest alerts on Slack for good', hidden: true });
    expect(remove.closest('form')?.getAttribute('action')).toBe('?/delete');
    expect(remove.closest('details')?.open).toBe(false);
  });

  it('sees the signing secret once, in the answer of the add form, with how to verify it', async () => {
    const form: ActionData = { created: { webhook: { ...slack, id: 'h3', name: 'Night desk', lastDelivery: null }, signingSecret: 'whsec_4f1c0ffee' } };
    const { unmount } = render(Page, { data: data('ADMIN'), form });
    const added = screen.getByRole('region', { name: 'Add webhook' });
    expect(within(added).getByTestId('signing-secret').textContent).toBe('whsec_4f1c0ffee');
    expect(added.textContent).toContain('it will not be shown again');
    expect(added.textContent).toContain('waymark-signature');
    expect(added.textContent).toContain('<t>.<raw body>');
    unmount();

    // The page as loaded again holds no secret: the API returns it only when the webhook is created.
    render(Page, { data: data('ADMIN'), form: null });
    await card('Guest alerts on Slack');
    expect(screen.queryByTestId('signing-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('whsec_');
  });

  it("shows the API's refusal of a new webhook in the add form", async () => {
    render(Page, { data: data('ADMIN'), form: { addError: 'url must be an absolute http(s) URL.' } });
    expect(within(screen.getByRole('region', { name: 'Add webhook' })).getByRole('alert').textContent).toBe('url must be an absolute http(s) URL.');
    await card('Guest alerts on Slack');
    expect(screen.queryAllByRole('alert')).toHaveLength(1);
  });

  it("shows a test's outcome on the card of that webhook only", async () => {
    const tested: NotificationDelivery = { ...opened, id: 'd3', event: 'webhook.test', status: 'FAILED', responseStatus: 404, error: 'HTTP 404 Not Found', deliveredAt: null, lastAttemptAt: '2026-12-07T11:30:00.000Z' };
    render(Page, { data: data('ADMIN'), form: { webhookId: 'h2', tested } });
    const status = within(await card('Ops on Teams')).getByRole('status');
    expect(status.textContent?.trim()).toBe('Test failed: 7 Dec, 11:30 · HTTP 404 · HTTP 404 Not Found');
    expect(status.classList.contains('error')).toBe(true);
    expect(within(await card('Guest alerts on Slack')).queryByText(/^Test /)).toBeNull();
  });

  it('shows a refused edit inside the open edit form of that webhook', async () => {
    render(Page, { data: data('ADMIN'), form: { webhookId: 'h1', error: 'name must be at most 120 characters.', editing: true } });
    const slackCard = await card('Guest alerts on Slack');
    const editor = within(slackCard).getByRole('form', { name: 'Edit Guest alerts on Slack' });
    expect(within(editor).getByRole('alert').textContent).toBe('name must be at most 120 characters.');
    expect(editor.closest('details')?.open).toBe(true);
    expect(screen.queryAllByRole('alert')).toHaveLength(1);
  });

  it('says which webhook was deleted', async () => {
    render(Page, { data: data('ADMIN'), form: { deleted: 'Night desk' } });
    expect(screen.getByText(/^Deleted /).getAttribute('role')).toBe('status');
    expect(screen.getByText(/^Deleted /).textContent).toBe('Deleted Night desk; its delivery history went with it.');
  });
});
