import { expect, test } from '@playwright/test';
import { adminToken, screenshot, signIn } from './helpers.js';

test('the sign-in page renders and a wrong token is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in to your workspace' })).toBeVisible();
  await screenshot(page, 'sign-in');
  await page.getByLabel('API token').fill('wmk_not_a_real_token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');
});

test('signing in with the admin token shows the workspace name and role, in an httpOnly cookie', async ({ page, context }) => {
  await signIn(page, adminToken());
  await expect(page.getByTestId('workspace-name')).not.toBeEmpty();
  await expect(page.getByTestId('role')).toHaveText('Admin');
  const cookie = (await context.cookies()).find((c) => c.name === 'waymark_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
});
