import { expect, test } from '@playwright/test';
import { executivePage, screenshot, signIn } from './helpers.js';

test('an admin edits an initiative, is told why an edit is refused, and deletes it in two steps; an executive cannot', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/initiatives');
  await page.getByText('New initiative').click();
  const create = page.getByRole('form', { name: 'New initiative' });
  await create.getByLabel('Name').fill('E2E spa pop-up');
  await create.getByLabel('Start date').fill('2026-10-01');
  await create.getByLabel('Cost (EUR)').fill('900');
  const first = create.getByLabel('Touchpoints').locator('option').first();
  await create.getByLabel('Touchpoints').selectOption((await first.getAttribute('value')) ?? '');
  await create.getByRole('button', { name: 'Create initiative' }).click();
  const card = page.getByRole('article', { name: 'E2E spa pop-up' });
  await expect(card).toContainText('Since 1 Oct 2026 · cost €900');

  // An end before the start is refused by the API, with its reason, in the open form.
  await card.getByText('Edit…').click();
  const editor = card.getByRole('form', { name: 'Edit E2E spa pop-up' });
  await editor.getByLabel('Ends').fill('2026-09-01');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Invalid input: endDate: endDate must be after startDate');
  await screenshot(page, 'initiative-edit');

  await editor.getByLabel('Ends').fill('2026-12-31');
  await editor.getByLabel('Spend (EUR)').fill('1250');
  await editor.getByLabel('Description').fill('Weekend spa corner in the lobby');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved E2E spa pop-up.' })).toBeVisible();
  await expect(card).toContainText('1 Oct 2026 – 31 Dec 2026 · cost €1,250');
  await expect(card).toContainText('Weekend spa corner in the lobby');
  await page.reload();
  await expect(card).toContainText('1 Oct 2026 – 31 Dec 2026 · cost €1,250');

  const executive = await executivePage(page, browser, 'E2E initiative edit executive');
  await executive.goto('/initiatives');
  const seen = executive.getByRole('article', { name: 'E2E spa pop-up' });
  await expect(seen).toContainText('cost €1,250');
  await expect(seen.getByText('Edit…')).toHaveCount(0);
  await expect(seen.getByText('Delete…')).toHaveCount(0);

  // Making the executive's token took the admin to the settings page.
  await page.goto('/initiatives');
  await card.getByText('Delete…').click();
  await card.getByRole('button', { name: 'Delete E2E spa pop-up for good' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted E2E spa pop-up with its ROI reports and schedule.' })).toBeVisible();
  await expect(card).toHaveCount(0);
  await executive.reload();
  await expect(seen).toHaveCount(0);
});
