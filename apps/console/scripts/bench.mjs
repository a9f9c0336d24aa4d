#!/usr/bin/env node
// Console performance on the demo data, in Debian's Chromium: navigation timing of the dashboard's
// first load (a fresh browser context each time, so nothing is cached), beside the sign-in page as
// the baseline, and the JavaScript sent to the browser. Prints one JSON object on the last line.
import { chromium } from 'playwright-core';
import { startStack } from './stack.mjs';

const RUNS = Number(process.env.WAYMARK_BENCH_CONSOLE_RUNS ?? 7);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Navigation start → load event end; SvelteKit streams every panel's data inside the document,
// so the load event waits for all of it.
async function navigationMs(page) {
  return page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation');
    return entry.loadEventEnd - entry.startTime;
  });
}

async function scriptKb(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
    .reduce((sum, r) => sum + (r.encodedBodySize || r.transferSize || 0), 0) / 1024);
}

// Time from navigation start until no panel is loading and the charts are drawn (the chart code is
// loaded lazily after hydration, so its JavaScript is counted too).
async function chartsDrawnMs(page) {
  const handle = await page.waitForFunction(() => {
    const loading = document.querySelectorAll('[role="status"][aria-live]').length;
    return loading === 0 && document.querySelectorAll('.chart svg').length > 0 ? performance.now() : false;
  }, null, { timeout: 30_000, polling: 'raf' });
  return handle.jsonValue();
}

async function measure(browser, baseUrl, cookie, path, withCharts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  const ms = await navigationMs(page);
  const drawnMs = withCharts ? await chartsDrawnMs(page) : ms;
  // Let late resource timings land before summing the scripts.
  await page.waitForLoadState('networkidle');
  const js = await scriptKb(page);
  await context.close();
  return { ms, js, drawnMs };
}

async function sessionCookie(browser, baseUrl, token) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('workspace-name').waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === 'waymark_session');
  await context.close();
  if (!cookie) throw new Error('signing in did not set the session cookie');
  return cookie;
}

const FIRST_RUNS_QUERY = '{ audits(first: 20) { nodes { status } } initiatives(first: 20) { nodes { latestEvaluation { status } } } }';
const finished = (run) => run !== null && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.status);

// The demo's first start runs every schedule once (audits, risk, KPI watch, ROI); measuring while
// they take the CPU would time them, not the console.
async function waitForFirstRuns(stack, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
      body: JSON.stringify({ query: FIRST_RUNS_QUERY }),
    });
    const { data, errors } = await response.json();
    if (errors) throw new Error(`reading the demo's first runs failed: ${JSON.stringify(errors)}`);
    const runs = [...data.audits.nodes, ...data.initiatives.nodes.map((i) => i.latestEvaluation)];
    if (data.audits.nodes.length >= 3 && runs.every(finished)) return;
    if (Date.now() > deadline) throw new Error(`the demo's first runs did not finish within ${timeoutMs / 1000} s: ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const stack = await startStack();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  await waitForFirstRuns(stack);
  const cookie = await sessionCookie(browser, stack.baseUrl, stack.adminToken);
  await measure(browser, stack.baseUrl, cookie, '/', true); // warm the server (first query plans, module load)
  const dashboard = [];
  const signIn = [];
  for (let i = 0; i < RUNS; i++) {
    signIn.push(await measure(browser, stack.baseUrl, null, '/sign-in', false));
    dashboard.push(await measure(browser, stack.baseUrl, cookie, '/', true));
  }
  const result = {
    runs: RUNS,
    dashboardFirstLoadMs: median(dashboard.map((d) => d.ms)),
    signInFirstLoadMs: median(signIn.map((d) => d.ms)),
    dashboardChartsDrawnMs: median(dashboard.map((d) => d.drawnMs)),
    dashboardJsKb: median(dashboard.map((d) => d.js)),
    signInJsKb: median(signIn.map((d) => d.js)),
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await stack.stop();
}
