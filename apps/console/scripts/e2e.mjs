#!/usr/bin/env node
// End-to-end run: starts the real stack (scripts/stack.mjs), runs the Playwright specs in e2e/ with
// Debian's Chromium, then stops everything and drops the database.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from './stack.mjs';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function runPlaywright(env) {
  const bin = join(app, 'node_modules/@playwright/test/cli.js');
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'test', ...process.argv.slice(2)], { cwd: app, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => done(code ?? 1));
  });
}

async function main() {
  const stack = await startStack();
  let code = 1;
  try {
    code = await runPlaywright({
      E2E_BASE_URL: stack.baseUrl, E2E_ADMIN_TOKEN: stack.adminToken, E2E_API_URL: stack.apiUrl,
      E2E_FIXTURES: join(stack.root, 'plugins/file-import/fixtures'),
    });
  } finally {
    await stack.stop();
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
