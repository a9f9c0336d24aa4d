import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { executivePage, screenshot, signIn } from './helpers.js';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

// Stands in for a Slack incoming webhook: records every request, raw body included, and answers 200.
async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  // The sender may keep its connection alive; close() alone would wait for it to time out.
  const close = () => new Promise<void>((done, fail) => {
    server.close((error) => (error ? fail(error) : done()));
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${port}/hooks/waymark`, received, close };
}

// What a receiver is told to check: v1 is the hex HMAC-SHA256 of "<t>.<raw body>" under the signing secret.
function signedBy(secret: string, header: string | string[] | undefined, body: string): { valid: boolean; ageSeconds: number } {
  const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]+)$/.exec(header) : null;
  if (!match) return { valid: false, ageSeconds: Number.NaN };
  const [, t = '', v1 = ''] = match;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const valid = expected.length === v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(v1));
  return { valid, ageSeconds: Math.abs(Date.now() / 1000 - Number(t)) };
}

const NAME = 'E2E receiver';

test('an admin adds a webhook, sees its secret once, sends a signed test to it, pauses and deletes it; an executive only reads it', async ({ page, browser }) => {
  const receiver = await startReceiver();
  try {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();

    const add = page.getByRole('form', { name: 'Add webhook' });
    await add.getByLabel('Name').fill(NAME);
    await add.getByLabel('URL').fill(receiver.url);
    await expect(add.getByRole('checkbox', { name: 'Alert opened' })).toBeChecked();
    await expect(add.getByRole('checkbox', { name: 'Alert acknowledged' })).not.toBeChecked();
    await expect(add.getByRole('checkbox', { name: 'Alert resolved' })).toBeChecked();
    await add.getByRole('button', { name: 'Add webhook' }).click();

    const shown = page.getByTestId('signing-secret');
    await expect(shown).toHaveText(/^whsec_/);
    const secret = (await shown.textContent())?.trim() ?? '';
    await expect(page.getByRole('region', { name: 'Add webhook' })).toContainText('it will not be shown again');
    const card = page.getByRole('article', { name: NAME });
    await expect(card).toContainText('Sends: Alert opened, Alert resolved');
    await expect(card).toContainText('http://127.0.0.1');
    await expect(card).not.toContainText('/hooks/waymark');
    await screenshot(page, 'notifications-added');

    // Seen once: the page as loaded again has no secret anywhere.
    await page.reload();
    await expect(card).toBeVisible();
    await expect(page.getByTestId('signing-secret')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(secret);

    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Test delivered' })).toBeVisible();
    const tests = receiver.received.filter((request) => request.headers['waymark-event'] === 'webhook.test');
    expect(tests).toHaveLength(1);
    const [sent] = tests;
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
    expect(sent?.headers['user-agent']).toBe('Waymark-Webhooks/1');
    expect(sent?.headers['waymark-delivery']).toBeTruthy();
    expect(() => JSON.parse(sent?.body ?? '')).not.toThrow();
    const signature = signedBy(secret, sent?.headers['waymark-signature'], sent?.body ?? '');
    expect(signature.valid).toBe(true);
    expect(signature.ageSeconds).toBeLessThan(300);
    // Another secret does not verify it.
    expect(signedBy(`${secret}x`, sent?.headers['waymark-signature'], sent?.body ?? '').valid).toBe(false);

    await expect(card.getByTestId('last-delivery')).toContainText('Delivered');
    const history = card.getByRole('table', { name: 'Recent deliveries' });
    const testRow = history.getByRole('row').filter({ hasText: 'Test' });
    await expect(testRow).toHaveCount(1);
    await expect(testRow).toContainText('Delivered');
    await expect(testRow).toContainText('HTTP 200');

    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Paused: nothing is sent to it' })).toBeVisible();
    await expect(card.getByRole('heading', { name: NAME })).toContainText('paused');
    await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
    await screenshot(page, 'notifications');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
    await screenshot(page, 'notifications-390-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    const executive = await executivePage(page, browser, 'E2E notifications executive');
    await executive.goto('/settings/notifications');
    const read = executive.getByRole('article', { name: NAME });
    await expect(read).toContainText('paused');
    await expect(read.getByTestId('last-delivery')).toContainText('Delivered');
    await expect(executive.locator('form[action^="?/"]')).toHaveCount(0);
    await expect(read.getByRole('button', { name: 'Send test' })).toHaveCount(0);

    await page.goto('/settings/notifications');
    await card.getByText('Delete…').click();
    await card.getByRole('button', { name: `Delete ${NAME} for good` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Deleted ${NAME}` })).toBeVisible();
    await expect(card).toHaveCount(0);
    await executive.reload();
    await expect(executive.getByRole('article', { name: NAME })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
