import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

// A panel can also hold a "Loading…" status while its data streams in: pick the notice by text.
function notice(region: Locator, text: string | RegExp): Locator {
  return region.getByRole('status').filter({ hasText: text });
}

async function executivePage(admin: Page, browser: Browser): Promise<Page> {
  await admin.goto('/settings/tokens');
  await admin.getByLabel('Name').fill('E2E schedules executive');
  await admin.getByLabel('Role').selectOption('EXECUTIVE');
  await admin.getByRole('button', { name: 'Create token' }).click();
  const secret = (await admin.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(10);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, secret);
  return page;
}

test('an admin schedules and runs the risk assessment and the threshold check; an executive only reads them', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/alerts');
  const risks = page.getByRole('region', { name: 'Risk register' });
  const riskSchedule = risks.getByRole('group', { name: 'Risk assessment' });
  await expect(riskSchedule).toContainText('Not scheduled');

  // The API reads the cron; a bad one comes back to the control as a message.
  await riskSchedule.getByLabel('Cron').fill('0 25 * * *');
  await riskSchedule.getByRole('button', { name: 'Set schedule' }).click();
  await expect(riskSchedule.getByRole('alert')).toBeVisible();
  await expect(riskSchedule.getByLabel('Cron')).toHaveValue('0 25 * * *');

  await riskSchedule.getByLabel('Cron').fill('0 6 * * *');
  await riskSchedule.getByRole('button', { name: 'Set schedule' }).click();
  await expect(notice(riskSchedule, 'Schedule saved.')).toBeVisible();
  await expect(riskSchedule).toContainText(/Runs 0 6 \* \* \* \([\w/+-]+\), next \d{1,2} \w{3} \d{4}, 06:00/);

  await risks.getByRole('button', { name: 'Assess now' }).click();
  const register = risks.getByRole('table', { name: 'Risk register' });
  await expect(register.locator('tbody tr').first()).toBeVisible({ timeout: 90_000 });
  // Highest risk first, listed in rank order (the demo has many touchpoints tied at one score).
  const cells = async (column: number) => (await register.locator(`tbody tr td:nth-child(${column})`).allTextContents()).map((text) => text.trim());
  const ranks = (await cells(1)).map(Number);
  const scores = (await cells(5)).map(Number);
  expect(ranks.length).toBeGreaterThan(1);
  expect(ranks[0]).toBe(1);
  expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByRole('button', { name: 'Check thresholds now' }).click();
  // The demo's four thresholds; the front desk's CSAT is under its 60% (this check or the KPI watch
  // after another spec's sync opened the alert).
  await expect(notice(alerts, /^4 thresholds checked, [01] alerts? opened, 0 resolved$/)).toBeVisible({ timeout: 60_000 });
  await expect(alerts).toContainText('Front desk');
  // The check reloads the page's panels; wait for the schedule to be drawn again before the picture.
  await expect(riskSchedule).toContainText('Runs 0 6 * * *');
  await screenshot(page, 'alerts-schedules');

  const executive = await executivePage(page, browser);
  await executive.goto('/alerts');
  await expect(executive.getByRole('group', { name: 'Risk assessment' })).toContainText('Runs 0 6 * * *');
  await expect(executive.getByRole('group', { name: 'KPI watch' })).toContainText('Not scheduled');
  await expect(executive.getByRole('table', { name: 'Risk register' }).locator('tbody tr').first()).toBeVisible();
  for (const name of ['Assess now', 'Check thresholds now', 'Set schedule', 'Update schedule', 'Remove schedule']) {
    await expect(executive.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(executive.getByLabel('Cron')).toHaveCount(0);
  await screenshot(executive, 'alerts-executive');
  await executive.goto('/audits');
  await expect(executive.getByRole('group', { name: 'Resort stay' })).toContainText('Not scheduled');
  await expect(executive.getByRole('button', { name: /schedule/ })).toHaveCount(0);

  // The admin (whose page created the executive's token) takes the schedule off again.
  await page.goto('/alerts');
  await riskSchedule.getByRole('button', { name: 'Remove schedule' }).click();
  await expect(notice(riskSchedule, 'Schedule removed.')).toBeVisible();
  await expect(riskSchedule).toContainText('Not scheduled');
});
