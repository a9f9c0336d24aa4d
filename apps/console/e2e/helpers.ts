import { expect, type Browser, type Page } from '@playwright/test';

export function adminToken(): string {
  const token = process.env.E2E_ADMIN_TOKEN;
  if (!token) throw new Error('E2E_ADMIN_TOKEN is not set: run the specs through scripts/e2e.mjs');
  return token;
}

export async function signIn(page: Page, token = adminToken()): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('workspace-name')).toBeVisible();
}

// The admin's page creates an executive token on the tokens page; the executive signs in with it in a context of their own.
export async function executivePage(admin: Page, browser: Browser, name: string): Promise<Page> {
  await admin.goto('/settings/tokens');
  await admin.getByLabel('Name').fill(name);
  await admin.getByLabel('Role').selectOption('EXECUTIVE');
  await admin.getByRole('button', { name: 'Create token' }).click();
  const secret = (await admin.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(10);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, secret);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

// Straight to the API, for setting up inputs the UI flow then uses (never for asserting UI results).
export async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error('E2E_API_URL is not set: run the specs through scripts/e2e.mjs');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`API: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}
