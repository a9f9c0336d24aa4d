import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { api, signIn } from './helpers.js';

// A long export read ten rows a page, so the sync is still running when the admin cancels it. Its
// rows are from 2020, outside every window the other specs look at.
function writeLongExport(): string {
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) lines.push(JSON.stringify({ id: `long-${i}`, customerRef: `email:long${i % 500}@example.com`, occurredAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString() }));
  const dir = resolve('test-results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'e2e-long-export.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('an admin cancels a running sync from its live progress; the pages stored stay and Sync now is free again', async ({ page }) => {
  const config = { format: 'ndjson', path: writeLongExport(), touchpointKey: 'resort.booking-engine', kind: 'VIEW', pageSize: 10, mapping: { externalId: 'id' } };
  const { configureIntegration } = await api<{ configureIntegration: { id: string } }>(
    'mutation($i: IntegrationInput!) { configureIntegration(input: $i) { id } }',
    { i: { name: 'E2E long export', pluginId: 'file-import', config } },
  );
  await signIn(page);
  await page.goto(`/integrations/${configureIntegration.id}`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const progress = page.getByTestId('sync-progress');
  await expect(progress).toHaveAttribute('data-status', 'RUNNING', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Cancel sync' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelling: the sync stops after the page it is storing' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Cancel sync' })).toHaveCount(0);
  const history = page.getByRole('table', { name: 'Sync runs' });
  await expect(history.getByRole('row').nth(1)).toContainText('CANCELLED');

  const { syncRuns } = await api<{ syncRuns: { nodes: { status: string; eventsAccepted: number; pages: number }[] } }>(
    'query($i: ID!) { syncRuns(integrationId: $i, first: 1) { nodes { status eventsAccepted pages } } }', { i: configureIntegration.id });
  const run = syncRuns.nodes[0]!;
  expect(run.status).toBe('CANCELLED');
  expect(run.pages).toBeGreaterThan(0);
  expect(run.pages).toBeLessThan(3000);
  expect(run.eventsAccepted).toBe(run.pages * 10);
});
