import { expect, test } from '@playwright/test';
import { api, executivePage, signIn } from './helpers.js';

test('an admin pauses and resumes an integration, then deletes it in two steps and is told its events stay; an executive can do neither', async ({ page, browser }) => {
  const config = { format: 'csv', path: '/tmp/e2e-trial-export.csv', touchpointKey: 'resort.booking-engine', kind: 'VIEW' };
  const { configureIntegration } = await api<{ configureIntegration: { id: string } }>(
    'mutation($i: IntegrationInput!) { configureIntegration(input: $i) { id } }',
    { i: { name: 'E2E trial export', pluginId: 'file-import', config } },
  );
  await signIn(page);
  const executive = await executivePage(page, browser, 'E2E integration delete executive');
  await executive.goto(`/integrations/${configureIntegration.id}`);
  await expect(executive.getByRole('heading', { name: 'E2E trial export' })).toBeVisible();
  await expect(executive.getByText('Delete integration…')).toHaveCount(0);
  await expect(executive.getByRole('button', { name: 'Pause syncs' })).toHaveCount(0);

  await page.goto(`/integrations/${configureIntegration.id}`);
  await page.getByRole('button', { name: 'Pause syncs' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paused: no sync runs until you resume it' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'E2E trial export' }).locator('..')).toContainText('paused');
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  const paused = await api<{ integrations: { id: string; enabled: boolean }[] }>('{ integrations { id enabled } }');
  expect(paused.integrations.find((i) => i.id === configureIntegration.id)?.enabled).toBe(false);
  await page.getByRole('button', { name: 'Resume syncs' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Resumed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();

  await page.getByText('Delete integration…').click();
  await page.getByRole('button', { name: 'Delete E2E trial export for good' }).click();
  await expect(page).toHaveURL(/\/integrations\?deleted=/);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted E2E trial export' })).toHaveText('Deleted E2E trial export. The events it stored stay.');
  await expect(page.getByRole('link', { name: 'E2E trial export' })).toHaveCount(0);

  await executive.reload();
  await expect(executive.getByText('This integration does not exist in your workspace.')).toBeVisible();
});
