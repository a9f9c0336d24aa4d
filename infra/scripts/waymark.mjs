#!/usr/bin/env node
// The two commands of the README (`npm start`, `npm test`) and `npm run bench`, runnable on a
// machine that has only Node.js: they install pnpm and the dependencies, then build and run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemporalBinary } from '../temporal/temporal-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = '10.34.9';
const quietEnv = {
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  return ['npx', '-y', `pnpm@${PNPM_VERSION}`];
}

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...quietEnv, ...env } });
  return result.status ?? 1;
}

function pnpm(args, env) {
  const [cmd, ...pre] = pnpmCommand();
  return run(cmd, [...pre, ...args], env);
}

function mustSucceed(status, what) {
  if (status !== 0) {
    console.error(`\n✖ ${what} failed (exit ${status}).`);
    process.exit(status);
  }
}

function install() {
  mustSucceed(pnpm(['install', '--frozen-lockfile']), 'Installing dependencies');
}

function temporalEnv() {
  if (process.env.TEMPORAL_ADDRESS) return {};
  const binary = ensureTemporalBinary();
  return binary ? { WAYMARK_TEMPORAL_BIN: binary } : {};
}

// Every package's vitest (and the console's Playwright run) writes JSON into its test-results/.
function collectReports() {
  const found = [];
  for (const group of ['apps', 'packages', 'plugins']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const pkg of readdirSync(groupDir)) {
      const results = join(groupDir, pkg, 'test-results');
      if (!existsSync(results) || !statSync(results).isDirectory()) continue;
      for (const file of readdirSync(results)) if (file.endsWith('.json')) found.push(join(results, file));
    }
  }
  return found;
}

function removeOldReports() {
  for (const file of collectReports()) rmSync(file);
}

function countReport(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof report.numPassedTests === 'number') {
    return { passed: report.numPassedTests, failed: report.numFailedTests };
  }
  const stats = report.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) };
}

// Names of the failed tests, so that the end of a long CI log says which ones to look at.
function failedTests(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(report.testResults)) {
    return report.testResults.flatMap((suite) =>
      (suite.assertionResults ?? []).filter((t) => t.status === 'failed').map((t) => `${suite.name}: ${t.fullName}`),
    );
  }
  const walk = (suite) => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => `${spec.file}:${spec.line}: ${spec.title}`),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return (report.suites ?? []).flatMap(walk);
}

function test() {
  install();
  removeOldReports();
  const env = temporalEnv();
  mustSucceed(pnpm(['turbo', 'run', 'build', '--concurrency=2'], env), 'Build');
  // ESLint and the type checks that no build runs (svelte-check, test files): a finding fails the run.
  const checks = pnpm(['turbo', 'run', 'lint', 'typecheck', '--concurrency=2', '--continue'], env);
  const status = pnpm(['turbo', 'run', 'test', '--concurrency=2', '--continue'], env);
  let passed = 0;
  let failed = 0;
  for (const file of collectReports()) {
    const counts = countReport(file);
    passed += counts.passed;
    failed += counts.failed;
    for (const name of failedTests(file)) console.error(`✖ failed: ${name}`);
  }
  if (checks !== 0) console.error('✖ lint or typecheck failed: see the turbo output above (pnpm lint, pnpm typecheck).');
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(checks !== 0 || status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
}

function bench(areas) {
  install();
  const env = temporalEnv();
  mustSucceed(pnpm(['turbo', 'run', 'build', '--concurrency=2'], env), 'Build');
  mustSucceed(pnpm(['--filter', '@waymark/bench', 'run', 'bench', ...areas], env), 'Benchmarks');
}

function start() {
  install();
  mustSucceed(pnpm(['turbo', 'run', 'build', '--concurrency=2']), 'Build');
  const child = spawn(process.execPath, [join(root, 'infra/scripts/start-platform.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...quietEnv, ...temporalEnv() },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'test') test();
else if (command === 'start') start();
else if (command === 'bench') bench(rest);
else {
  console.error('usage: waymark.mjs start | test | bench [area…]');
  process.exit(2);
}
