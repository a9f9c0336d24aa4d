import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

test('an admin records an initiative, evaluates its ROI and sees the confidence interval drawn', async ({ page }) => {
  await signIn(page);
  await page.goto('/initiatives');
  await page.getByText('New initiative').click();
  await page.getByLabel('Name').fill('E2E booking engine upgrade');
  // Started mid-way through the demo data, so there is a before and an after.
  await page.getByLabel('Start date').fill('2026-09-15');
  await page.getByLabel('Cost (EUR)').fill('5000');
  const option = page.getByLabel('Touchpoints').locator('option', { hasText: 'Direct booking engine' }).first();
  await page.getByLabel('Touchpoints').selectOption((await option.getAttribute('value')) ?? '');
  await page.getByRole('button', { name: 'Create initiative' }).click();
  const card = page.getByRole('article', { name: 'E2E booking engine upgrade' });
  await expect(card).toBeVisible();
  await expect(card.getByText('Not evaluated yet.')).toBeVisible();

  await card.getByRole('button', { name: 'Evaluate ROI' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ROI evaluation started' })).toBeVisible();
  // The worker evaluates it (bootstrap over the demo events); reload until the report is there.
  await expect(async () => {
    await page.reload();
    await expect(card.getByText('95% interval')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] });
  await expect(card.locator('.chart svg')).toBeVisible();
  await screenshot(page, 'initiatives-roi');
});
