import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { api, screenshot, signIn } from './helpers.js';

// An export whose rows name a touchpoint the workspace does not have yet: every row is refused.
function writeExport(): string {
  const rows = ['id,email,when'];
  const start = Date.now() - 3 * 86_400_000;
  for (let i = 0; i < 5; i++) rows.push(`kiosk-${i},kiosk${i}@example.com,${new Date(start + i * 3_600_000).toISOString()}`);
  const dir = resolve('test-results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'e2e-kiosk.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

test('an admin retries the rows a sync refused once the missing touchpoint is added', async ({ page }) => {
  const config = { format: 'csv', path: writeExport(), source: 'kiosk-export', touchpointKey: 'resort.lobby-kiosk', kind: 'INTERACTION', mapping: { externalId: 'id', customerRef: 'email', occurredAt: 'when' } };
  const { configureIntegration } = await api<{ configureIntegration: { id: string } }>(
    'mutation($i: IntegrationInput!) { configureIntegration(input: $i) { id } }',
    { i: { name: 'E2E lobby kiosk', pluginId: 'file-import', config } },
  );
  await signIn(page);
  await page.goto(`/integrations/${configureIntegration.id}`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const progress = page.getByTestId('sync-progress');
  await expect(progress).toHaveAttribute('data-status', 'COMPLETED', { timeout: 90_000 });
  await expect(progress).toContainText('5 rejected rows');

  await page.getByRole('table', { name: 'Sync runs' }).getByRole('link').first().click();
  const rejected = page.getByRole('table', { name: 'Rejected rows of the selected run' });
  await expect(rejected.getByRole('row')).toHaveCount(6);
  await expect(rejected.getByRole('row').nth(1)).toContainText('unknown touchpoint key "resort.lobby-kiosk"');

  // The admin adds the touchpoint the export names (set up through the API; the journey page has its own spec).
  const { journeys } = await api<{ journeys: { stages: { id: string }[] }[] }>('{ journeys { stages { id } } }');
  await api('mutation($s: ID!) { addTouchpoint(stageId: $s, input: { key: "resort.lobby-kiosk", name: "Lobby kiosk", type: INTERACTION, channel: "on_site", mode: OFFLINE }) { id } }', { s: journeys[0]!.stages[0]!.id });

  await page.getByRole('button', { name: 'Retry rejected rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Retried 5 rows: 5 stored.' })).toBeVisible();
  await expect(page.getByText('No rows were rejected in this run.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry rejected rows' })).toHaveCount(0);
  await screenshot(page, 'rejected-rows-retried');
});
