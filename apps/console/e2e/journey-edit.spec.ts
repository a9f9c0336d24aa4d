import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { executivePage, screenshot, signIn } from './helpers.js';

test('an admin adds a touchpoint, moves it to another stage and reorders it', async ({ page }) => {
  await signIn(page);
  await page.goto('/journeys');
  await page.getByRole('link', { name: 'Resort stay' }).click();
  await page.getByRole('button', { name: 'Edit journey' }).click();
  const map = page.getByRole('table', { name: /Journey map/ });
  const firstStage = map.getByRole('columnheader').nth(1);
  const stageName = (await firstStage.locator('span').first().textContent()) ?? '';

  await page.getByText('+ Add').first().click();
  const form = page.locator('details[open] form');
  await form.getByLabel('Name').fill('E2E kiosk');
  await form.getByLabel('Key').fill('resort.e2e-kiosk');
  await form.getByLabel('Channel').fill('on_site');
  await form.getByRole('button', { name: 'Add touchpoint' }).click();
  const card = page.getByTestId('touchpoint-card').filter({ hasText: 'E2E kiosk' });
  await expect(card).toBeVisible();
  await expect(card.getByLabel('Stage of E2E kiosk')).toHaveValue(/.+/);
  expect(stageName).not.toBe('');

  // Move it to the second stage.
  const target = await card.getByLabel('Stage of E2E kiosk').locator('option').nth(1).getAttribute('value');
  await card.getByLabel('Stage of E2E kiosk').selectOption(target ?? '');
  await card.getByRole('button', { name: 'Move E2E kiosk to the chosen stage' }).click();
  await expect(page.locator('.notice, .error, [role="alert"]').first()).toHaveText(/Moved\./);
  await page.reload();
  await page.getByRole('button', { name: 'Edit journey' }).click();
  await expect(page.getByLabel('Stage of E2E kiosk')).toHaveValue(target ?? '');

  // A second card in the same stage and lane (appended after the kiosk), then moved above it.
  await page.getByText('+ Add').nth(1).click();
  const second = page.locator('details[open] form');
  await second.getByLabel('Name').fill('E2E totem');
  await second.getByLabel('Key').fill('resort.e2e-totem');
  await second.getByLabel('Channel').fill('on_site');
  await second.getByRole('button', { name: 'Add touchpoint' }).click();
  // Both sit in the on-site lane of the second stage (the lane has demo cards in later stages).
  const lane = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /on site/i }) });
  const ours = lane.getByTestId('touchpoint-card').filter({ hasText: /^E2E / });
  await expect(ours).toHaveText([/E2E kiosk/, /E2E totem/]);
  await expect(page.getByRole('button', { name: 'Move E2E kiosk up' })).toBeDisabled();
  await page.getByRole('button', { name: 'Move E2E totem up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reordered.' })).toBeVisible();
  // The order is persisted: a fresh load shows the totem first.
  await page.reload();
  await expect(ours).toHaveText([/E2E totem/, /E2E kiosk/]);
  // The CSV export carries the same order.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path()) ?? '', 'utf8');
  const lines = csv.split('\r\n').filter((line) => line.includes('resort.e2e-'));
  expect(lines.map((line) => line.split(',').slice(1, 3).join(','))).toEqual([expect.stringMatching(/^\d+,resort\.e2e-totem$/), expect.stringMatching(/^\d+,resort\.e2e-kiosk$/)]);
  await page.getByRole('button', { name: 'Edit journey' }).click();
  await screenshot(page, 'journey-edit');
});

test('an executive sees the journey map without any edit control', async ({ page, browser }) => {
  await signIn(page);
  const executive = await executivePage(page, browser, 'E2E executive');
  await expect(executive.getByTestId('role')).toHaveText('Executive');
  await expect(executive.getByRole('link', { name: 'Users & tokens' })).toHaveCount(0);
  await executive.goto('/journeys');
  await executive.getByRole('link', { name: 'Resort stay' }).click();
  await expect(executive.getByRole('table', { name: /Journey map/ })).toBeVisible();
  await expect(executive.getByRole('button', { name: 'Edit journey' })).toHaveCount(0);
  await expect(executive.getByRole('button', { name: /^Move / })).toHaveCount(0);
  await expect(executive.getByText('+ Add')).toHaveCount(0);
  await screenshot(executive, 'journey-map-executive');
});

// On a loaded machine or a slow phone the server-rendered page is on screen before its script runs;
// a script-only button must not take a click it would silently drop.
test('the journey map\'s script-only buttons wait for the page script before they take a click', async ({ page }) => {
  await signIn(page);
  await page.goto('/journeys');
  const href = await page.getByRole('link', { name: 'Resort stay' }).getAttribute('href');
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await new Promise((done) => setTimeout(done, 1_500));
    await route.continue();
  });
  // Checked as soon as the server's HTML arrives, not at the load event.
  await page.goto(href ?? '/journeys', { waitUntil: 'commit' });
  const edit = page.getByRole('button', { name: 'Edit journey' });
  await expect(edit).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Export SVG' })).toBeDisabled();
  await edit.click();
  await expect(page.getByRole('button', { name: 'Done editing' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('+ Add').first()).toBeVisible();
});
