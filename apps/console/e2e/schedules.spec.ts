import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { executivePage, screenshot, signIn } from './helpers.js';

// A panel can also hold a "Loading…" status while its data streams in: pick the notice by text.
function notice(region: Locator, text: string | RegExp): Locator {
  return region.getByRole('status').filter({ hasText: text });
}

// A row of the Automation table, by the exact text of some of its cells.
function scheduleRow(page: Page, ...cells: string[]): Locator {
  return cells.reduce((rows, cell) => rows.filter({ has: page.getByRole('cell', { name: cell, exact: true }) }), page.getByRole('table', { name: 'Schedules' }).getByRole('row'));
}

// The demo workspace starts with its schedules recorded (workspace time zone, Europe/Lisbon): the KPI
// watch hourly, each journey's audit at 06:00 and risk assessment at 06:30.
test('an admin changes, removes and sets the demo schedules and runs the checks now; an executive only reads them', async ({ page, browser }) => {
  await signIn(page);
  // Automation lists all eight, read-only: the KPI watch, each journey's audit and risk assessment, the initiative's ROI.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Automation' })).toBeVisible();
  const automation = page.getByRole('table', { name: 'Schedules' });
  await expect(automation.locator('tbody tr')).toHaveCount(8);
  await expect(scheduleRow(page, 'KPI watch', '0 * * * *')).toHaveCount(1);
  for (const journey of ['Resort stay', 'Cultural-park tour', 'Online shop purchase']) {
    await expect(scheduleRow(page, 'Audit', journey, '0 6 * * *')).toHaveCount(1);
    await expect(scheduleRow(page, 'Risk assessment', journey, '30 6 * * *')).toHaveCount(1);
  }
  const roi = scheduleRow(page, 'ROI evaluation', 'Direct booking engine relaunch', '0 7 * * 1', 'Europe/Lisbon');
  await expect(roi).toContainText(/\d{1,2} \w{3} \d{4}, 07:00/);
  await expect(roi.getByRole('link', { name: 'Direct booking engine relaunch' })).toHaveAttribute('href', '/initiatives');
  await expect(scheduleRow(page, 'Audit', 'Resort stay').getByRole('link')).toHaveAttribute('href', '/audits');
  await expect(page.getByText('This page only reads them')).toBeVisible();
  await expect(page.getByRole('main').getByRole('button')).toHaveText(['Export CSV']);
  await screenshot(page, 'automation');

  await page.goto('/alerts');
  const risks = page.getByRole('region', { name: 'Risk register' });
  const riskSchedule = risks.getByRole('group', { name: 'Risk assessment' });
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const watchSchedule = alerts.getByRole('group', { name: 'KPI watch' });
  await expect(riskSchedule).toContainText(/Runs 30 6 \* \* \* \(Europe\/Lisbon\), next \d{1,2} \w{3} \d{4}, 06:30/);
  await expect(riskSchedule.getByLabel('Cron')).toHaveValue('30 6 * * *');
  await expect(watchSchedule).toContainText(/Runs 0 \* \* \* \* \(Europe\/Lisbon\), next \d{1,2} \w{3} \d{4}, \d{2}:00/);
  // The first start ran each once: the KPI watch opened the front desk's CSAT alert (under its 60%) and
  // the risk assessment filled the register. The runs wait for the worker: reload until both are there.
  const register = risks.getByRole('table', { name: 'Risk register' });
  await expect(async () => {
    await page.reload();
    await expect(alerts).toContainText('Front desk', { timeout: 1_000 });
    await expect(register.locator('tbody tr').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] });

  // The API reads the cron; a bad one comes back to the control as a message, and the schedule stays.
  await riskSchedule.getByLabel('Cron').fill('0 25 * * *');
  await riskSchedule.getByRole('button', { name: 'Update schedule' }).click();
  await expect(riskSchedule.getByRole('alert')).toBeVisible();
  await expect(riskSchedule.getByLabel('Cron')).toHaveValue('0 25 * * *');
  await expect(riskSchedule).toContainText('Runs 30 6 * * *');

  await riskSchedule.getByLabel('Cron').fill('0 6 * * *');
  await riskSchedule.getByRole('button', { name: 'Update schedule' }).click();
  await expect(notice(riskSchedule, 'Schedule saved.')).toBeVisible();
  await expect(riskSchedule).toContainText(/Runs 0 6 \* \* \* \(Europe\/Lisbon\), next \d{1,2} \w{3} \d{4}, 06:00/);

  // The register is there already: wait for the assessment's own answer, then read the new register.
  const assessed = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/assess'), { timeout: 90_000 });
  await risks.getByRole('button', { name: 'Assess now' }).click();
  expect((await assessed).ok()).toBe(true);
  await expect(risks.getByRole('button', { name: 'Assess now' })).toBeEnabled();
  await expect(register.locator('tbody tr').first()).toBeVisible();
  // Highest risk first, listed in rank order (the demo has many touchpoints tied at one score).
  const cells = async (column: number) => (await register.locator(`tbody tr td:nth-child(${column})`).allTextContents()).map((text) => text.trim());
  const ranks = (await cells(1)).map(Number);
  const scores = (await cells(5)).map(Number);
  expect(ranks.length).toBeGreaterThan(1);
  expect(ranks[0]).toBe(1);
  expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  // The front desk's alert is open already, so checking the demo's four thresholds again opens none.
  await alerts.getByRole('button', { name: 'Check thresholds now' }).click();
  await expect(notice(alerts, /^4 thresholds checked, 0 alerts opened, 0 resolved$/)).toBeVisible({ timeout: 60_000 });
  await expect(alerts).toContainText('Front desk');
  // The check reloads the page's panels; wait for the schedule to be drawn again before the picture.
  await expect(riskSchedule).toContainText('Runs 0 6 * * *');
  await screenshot(page, 'alerts-schedules');

  const executive = await executivePage(page, browser, 'E2E schedules executive');
  await executive.goto('/alerts');
  await expect(executive.getByRole('group', { name: 'Risk assessment' })).toContainText('Runs 0 6 * * *');
  await expect(executive.getByRole('group', { name: 'KPI watch' })).toContainText('Runs 0 * * * *');
  await expect(executive.getByRole('table', { name: 'Risk register' }).locator('tbody tr').first()).toBeVisible();
  for (const name of ['Assess now', 'Check thresholds now', 'Set schedule', 'Update schedule', 'Remove schedule']) {
    await expect(executive.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(executive.getByLabel('Cron')).toHaveCount(0);
  await screenshot(executive, 'alerts-executive');
  // The executive reads Automation too, with the risk schedule just changed.
  await executive.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automation' }).click();
  await expect(executive.getByRole('table', { name: 'Schedules' }).locator('tbody tr')).toHaveCount(8);
  await expect(scheduleRow(executive, 'Risk assessment', '0 6 * * *')).toHaveCount(1);
  await expect(scheduleRow(executive, 'Risk assessment', '30 6 * * *')).toHaveCount(2);
  await executive.goto('/audits');
  await expect(executive.getByRole('group', { name: 'Resort stay' })).toContainText(/Runs 0 6 \* \* \* \(Europe\/Lisbon\), next \d{1,2} \w{3} \d{4}, 06:00/);
  await expect(executive.getByRole('button', { name: /schedule/ })).toHaveCount(0);

  // The admin (whose page created the executive's token) takes the risk schedule off ...
  await page.goto('/alerts');
  await riskSchedule.getByRole('button', { name: 'Remove schedule' }).click();
  await expect(notice(riskSchedule, 'Schedule removed.')).toBeVisible();
  await expect(riskSchedule).toContainText('Not scheduled');
  await expect(riskSchedule.getByRole('button', { name: 'Remove schedule' })).toHaveCount(0);
  await executive.goto('/alerts');
  await expect(executive.getByRole('group', { name: 'Risk assessment' })).toContainText('Not scheduled');

  // ... and sets the demo's one again.
  await riskSchedule.getByLabel('Cron').fill('30 6 * * *');
  await riskSchedule.getByRole('button', { name: 'Set schedule' }).click();
  await expect(notice(riskSchedule, 'Schedule saved.')).toBeVisible();
  await expect(riskSchedule).toContainText('Runs 30 6 * * *');
  await executive.reload();
  await expect(executive.getByRole('group', { name: 'Risk assessment' })).toContainText('Runs 30 6 * * *');
});
