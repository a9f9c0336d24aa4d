import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

test('an admin renames, reorders, adds and removes stages of a journey; the map follows', async ({ page }) => {
  await signIn(page);
  await page.goto('/journeys');
  await page.getByText('New journey').click();
  await page.getByLabel('Name').fill('E2E gallery visit');
  await page.getByRole('button', { name: 'Create journey' }).click();
  await page.getByRole('link', { name: 'E2E gallery visit' }).click();
  await page.getByRole('button', { name: 'Edit journey' }).click();

  const details = page.locator('form.details');
  const names = details.locator('input[name="stageName"]');
  await expect(names).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Move Awareness earlier' })).toBeDisabled();

  // Rename the journey and the first stage, and add a stage at the end.
  await details.getByLabel('Journey name').fill('E2E gallery day');
  await details.getByLabel('Name of stage 1').fill('Discovery');
  await details.getByLabel('Add a stage at the end').fill('Membership');
  await details.getByRole('button', { name: 'Save journey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Journey saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E gallery day');
  await expect(names).toHaveCount(6);
  await expect(details.getByLabel('Add a stage at the end')).toHaveValue('');

  // Move the new stage one earlier, then remove Retention (empty).
  await page.getByRole('button', { name: 'Move Membership earlier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stages reordered.' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove Retention' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stage removed.' })).toBeVisible();

  // A fresh load shows the order persisted, in the form and as the map's columns.
  await page.reload();
  const columns = page.getByRole('table', { name: /Journey map/ }).getByRole('columnheader');
  await expect(columns.nth(1)).toContainText('Discovery');
  await page.getByRole('button', { name: 'Edit journey' }).click();
  await expect(names).toHaveCount(5);
  expect(await names.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['Discovery', 'Consideration', 'Purchase', 'Membership', 'Advocacy']);
  await screenshot(page, 'journey-stages');
});

test('a stage that holds touchpoints cannot be removed', async ({ page }) => {
  await signIn(page);
  await page.goto('/journeys');
  await page.getByRole('link', { name: 'Resort stay' }).click();
  await page.getByRole('button', { name: 'Edit journey' }).click();
  const first = page.locator('form.details input[name="stageName"]').first();
  const stage = await first.inputValue();
  await expect(page.getByRole('button', { name: `Remove ${stage}` })).toBeDisabled();
  await expect(page.getByRole('button', { name: `Remove ${stage}` })).toHaveAttribute('title', 'Move its touchpoints to another stage first');
});

test('an admin deletes an unused touchpoint in two steps; one with events is kept, saying why', async ({ page }) => {
  await signIn(page);
  await page.goto('/journeys');
  await page.getByText('New journey').click();
  await page.getByLabel('Name').fill('E2E pop-up shop');
  await page.getByLabel('Stages (comma-separated)').fill('Visit');
  await page.getByRole('button', { name: 'Create journey' }).click();
  await page.getByRole('link', { name: 'E2E pop-up shop' }).click();
  await page.getByRole('button', { name: 'Edit journey' }).click();
  await page.getByText('+ Add').first().click();
  const add = page.locator('details[open] form');
  await add.getByLabel('Name').fill('E2E typo card');
  await add.getByLabel('Key').fill('popup.typo');
  await add.getByLabel('Channel').fill('store');
  await add.getByRole('button', { name: 'Add touchpoint' }).click();
  const card = page.getByTestId('touchpoint-card').filter({ hasText: 'E2E typo card' });
  await expect(card).toBeVisible();
  await card.getByLabel('Delete E2E typo card…').click();
  await card.getByRole('button', { name: 'Delete E2E typo card for good' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Touchpoint deleted.' })).toBeVisible();
  await expect(page.getByTestId('touchpoint-card').filter({ hasText: 'E2E typo card' })).toHaveCount(0);

  // A demo touchpoint has months of events: the API refuses and the page says so.
  await page.goto('/journeys');
  await page.getByRole('link', { name: 'Resort stay' }).click();
  await page.getByRole('button', { name: 'Edit journey' }).click();
  const name = 'Search ads';
  const demo = page.getByTestId('touchpoint-card').filter({ hasText: name });
  await demo.getByLabel(`Delete ${name}…`).click();
  await demo.getByRole('button', { name: `Delete ${name} for good` }).click();
  await expect(page.getByRole('alert')).toContainText(/holds \d+ events?, which would be deleted with it/);
  await expect(page.getByTestId('touchpoint-card').filter({ hasText: name })).toHaveCount(1);
});
