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

test("an admin cannot start storing contacts as given in the demo workspace, whose contacts are hashed already, and is told why", async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/tokens');
  const contacts = page.getByRole('region', { name: 'Customer contacts' });
  const toggle = contacts.getByRole('checkbox', { name: "Store customers' e-mail addresses and phone numbers as given" });
  await expect(toggle).not.toBeChecked();

  await toggle.check();
  await contacts.getByRole('button', { name: 'Save contact storage' }).click();
  await expect(contacts.getByRole('alert')).toContainText(/already stores \d+ e-mail or phone identities as hashes/);
  await page.reload();
  await expect(toggle).not.toBeChecked();

  // Saving it off again is harmless: nothing is stored as given, so nothing changes.
  await contacts.getByRole('button', { name: 'Save contact storage' }).click();
  await expect(notice(contacts, 'Contacts hashed')).toBeVisible();
  await screenshot(page, 'settings-contacts');
});
