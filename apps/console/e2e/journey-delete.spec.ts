import { expect, test } from '@playwright/test';
import { api, signIn } from './helpers.js';

test('an admin deletes a journey by typing its name; one an initiative depends on is kept, saying why', async ({ page }) => {
  const { createJourney } = await api<{ createJourney: { id: string; stages: { touchpoints: { id: string }[] }[] } }>(
    'mutation { createJourney(input: { name: "E2E pop-up store", stages: [{ name: "Visit", touchpoints: [{ key: "e2e.popup-till", name: "Pop-up till", type: INTERACTION, channel: "on_site", mode: OFFLINE }] }] }) { id stages { touchpoints { id } } } }',
  );
  const touchpointId = createJourney.stages[0]!.touchpoints[0]!.id;
  const { createInitiative } = await api<{ createInitiative: { id: string } }>(
    'mutation($t: ID!) { createInitiative(input: { name: "E2E pop-up loyalty", touchpointIds: [$t], startDate: "2026-10-01T00:00:00Z", cost: 300 }) { id } }', { t: touchpointId });

  await signIn(page);
  await page.goto(`/journeys/${createJourney.id}`);
  await page.getByRole('button', { name: 'Edit journey' }).click();
  await page.getByText('Delete journey…').click();
  const confirm = page.getByLabel('Type E2E pop-up store to confirm');
  await confirm.fill('pop-up store');
  await page.getByRole('button', { name: 'Delete journey for good' }).click();
  await expect(page.getByRole('alert')).toHaveText('Type the journey\'s name, "E2E pop-up store", to delete it.');

  await confirm.fill('E2E pop-up store');
  await page.getByRole('button', { name: 'Delete journey for good' }).click();
  await expect(page.getByRole('alert')).toContainText('has touchpoints in initiative "E2E pop-up loyalty"');
  await expect(page.getByRole('heading', { name: 'E2E pop-up store', level: 1 })).toBeVisible();

  await api('mutation($id: ID!) { deleteInitiative(id: $id) }', { id: createInitiative.id });
  await confirm.fill('E2E pop-up store');
  await page.getByRole('button', { name: 'Delete journey for good' }).click();
  await expect(page).toHaveURL(/\/journeys\?deleted=/);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted E2E pop-up store' })).toHaveText('Deleted E2E pop-up store with its touchpoints and their events.');
  await expect(page.getByRole('link', { name: 'E2E pop-up store' })).toHaveCount(0);
  const { journeys } = await api<{ journeys: { name: string }[] }>('{ journeys { name } }');
  expect(journeys.map((j) => j.name)).not.toContain('E2E pop-up store');
});
