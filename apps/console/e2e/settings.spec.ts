import type { Locator } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

const TOGGLE = 'Fast conversion-rate tile (costs ingestion speed)';

// The region can also hold a "Loading…" status while the form action runs: pick the notice by text.
function notice(region: Locator, text: string): Locator {
  return region.getByRole('status').filter({ hasText: text });
}

test('an admin turns the fast conversion-rate tile on and off in the settings', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/tokens');
  const workspace = page.getByRole('region', { name: 'Workspace' });
  const toggle = workspace.getByRole('checkbox', { name: TOGGLE });
  await expect(toggle).not.toBeChecked();

  await toggle.check();
  await workspace.getByRole('button', { name: 'Save' }).click();
  await expect(notice(workspace, 'Fast conversion-rate tile on')).toBeVisible();
  await screenshot(page, 'settings-conversion-on');
  await page.reload();
  await expect(toggle).toBeChecked();

  await toggle.uncheck();
  await workspace.getByRole('button', { name: 'Save' }).click();
  await expect(notice(workspace, 'Fast conversion-rate tile off')).toBeVisible();
  await page.reload();
  await expect(toggle).not.toBeChecked();
});
