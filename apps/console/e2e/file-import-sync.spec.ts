import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

// 200 good rows for a demo touchpoint and 2 bad ones (unknown kind, unparseable date).
function writeImportFile(): string {
  const rows = ['id,email,when,kind,amount,csat'];
  const start = Date.now() - 10 * 86_400_000;
  for (let i = 0; i < 200; i++) {
    rows.push(`e2e-${i},guest${i % 60}@example.com,${new Date(start + i * 3_600_000).toISOString()},${i % 5 === 0 ? 'BOOKING' : 'VIEW'},${i % 5 === 0 ? 180 : ''},${(i % 5) + 1}`);
  }
  rows.push('e2e-bad-1,bad@example.com,2026-11-01T10:00:00Z,TELEPORT,,');
  rows.push('e2e-bad-2,bad@example.com,not-a-date,VIEW,,');
  const dir = resolve('test-results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'e2e-import.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

test('an admin configures a file import, runs a sync, watches it finish and reads the rejected rows', async ({ page }) => {
  const path = writeImportFile();
  await signIn(page);
  await page.goto('/integrations');
  await page.getByRole('link', { name: 'Configure CSV / NDJSON file import' }).click();
  await expect(page.getByRole('heading', { name: /Configure CSV/ })).toBeVisible();

  // Inline validation before anything is sent.
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Format is required.')).toBeVisible();

  await page.getByLabel('Name').fill('E2E bookings export');
  await page.getByLabel(/^Format/).selectOption('csv');
  await page.getByLabel(/^Path/).fill(path);
  await page.getByLabel(/^Touchpoint key/).fill('resort.website');
  await page.getByLabel(/^Mapping › External id/).fill('id');
  await page.getByLabel(/^Mapping › Customer ref/).fill('email');
  await page.getByLabel(/^Mapping › Occurred at/).fill('when');
  await page.getByLabel(/^Mapping › Kind/).fill('kind');
  await page.getByLabel(/^Mapping › Value/).fill('amount');
  await page.getByLabel(/^Mapping › Csat/).fill('csat');
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E2E bookings export' })).toBeVisible();

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connection works' })).toBeVisible();

  await page.getByRole('button', { name: 'Sync now' }).click();
  const progress = page.getByTestId('sync-progress');
  await expect(progress).toBeVisible();
  await screenshot(page, 'sync-running');
  await expect(progress).toHaveAttribute('data-status', 'COMPLETED', { timeout: 90_000 });
  await expect(progress).toContainText('200 events');
  await expect(progress).toContainText('2 rejected rows');

  const history = page.getByRole('table', { name: 'Sync runs' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await history.getByRole('link').first().click();
  const rejected = page.getByRole('table', { name: 'Rejected rows of the selected run' });
  await expect(rejected.getByRole('row')).toHaveCount(3);
  await screenshot(page, 'integration-sync-history');
});
