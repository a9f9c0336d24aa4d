import { expect, test } from '@playwright/test';
import { api, executivePage, signIn } from './helpers.js';

test('an admin deletes an integration from its page in two steps and is told its events stay; an executive cannot', async ({ page, browser }) => {
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

  await page.goto(`/integrations/${configureIntegration.id}`);
  await page.getByText('Delete integration…').click();
  await page.getByRole('button', { name: 'Delete E2E trial export for good' }).click();
  await expect(page).toHaveURL(/\/integrations\?deleted=/);
  await expect(page.getByRole('status')).toHaveText('Deleted E2E trial export. The events it stored stay.');
  await expect(page.getByRole('link', { name: 'E2E trial export' })).toHaveCount(0);

  await executive.reload();
  await expect(executive.getByText('This integration does not exist in your workspace.')).toBeVisible();
});
