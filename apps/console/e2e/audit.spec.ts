import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

test('an admin starts a consistency audit and sees its findings', async ({ page }) => {
  await signIn(page);
  await page.goto('/audits');
  await page.getByLabel('Journey').selectOption({ label: 'Resort stay' });
  await page.getByRole('button', { name: 'Start audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit of Resort stay' })).toBeVisible();
  await expect(page.getByTestId('audit-status')).toHaveText('COMPLETED', { timeout: 90_000 });
  // The demo resort disagrees with itself on the standard room price on purpose.
  await expect(page.getByText('Inconsistent brand fact').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'All findings' })).toContainText('Inconsistent brand fact');
  await expect(page.getByText(/^price.standard_room is given as/).first()).toBeVisible();
  await screenshot(page, 'audit');
});
