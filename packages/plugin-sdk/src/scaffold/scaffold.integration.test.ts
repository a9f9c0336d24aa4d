import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkDir = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(sdkDir, 'node_modules', '.bin', name);
// A throwaway workspace inside this package, so the generated package resolves zod, vitest and
// the shared configs through the SDK's node_modules, like a package of the monorepo would.
const workspace = join(sdkDir, `.scaffold-test-${process.pid}`);
const packageDir = join(workspace, 'plugins', 'crm-acme');

beforeAll(async () => {
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, 'pnpm-workspace.yaml'), 'packages:\n  - plugins/*\n');
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('create-waymark-plugin', () => {
  it('creates a plugin package whose tests pass, with role metadata and a changeset', async () => {
    const { stdout } = await run(process.execPath, [join(sdkDir, 'dist', 'scaffold', 'cli.js'), 'crm-acme', '--category', 'crm', '--display-name', 'Acme CRM'], {
      cwd: workspace,
      env: { ...process.env, INIT_CWD: workspace },
    });
    expect(stdout).toContain('Created @waymark/plugin-crm-acme');
    const manifest: unknown = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@waymark/plugin-crm-acme', waymark: { role: 'plugin' }, dependencies: { '@waymark/plugin-sdk': 'workspace:^' } });
    expect(await readFile(join(workspace, '.changeset', 'crm-acme-initial-release.md'), 'utf8')).toContain("'@waymark/plugin-crm-acme': minor");

    // What `pnpm install` would link: the SDK itself.
    await mkdir(join(packageDir, 'node_modules', '@waymark'), { recursive: true });
    await symlink(sdkDir, join(packageDir, 'node_modules', '@waymark', 'plugin-sdk'), 'dir');
    await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: packageDir });
    const tests = await run(bin('vitest'), ['run', '--reporter=default'], { cwd: packageDir, env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(tests.stdout).toMatch(/Tests\s+3 passed/);
  }, 240_000);

  it('refuses bad names, unknown categories and existing folders', async () => {
    const cli = join(sdkDir, 'dist', 'scaffold', 'cli.js');
    const fail = (args: string[]) => run(process.execPath, [cli, ...args], { cwd: workspace, env: { ...process.env, INIT_CWD: workspace } });
    await expect(fail(['Bad_Name', '--category', 'crm'])).rejects.toMatchObject({ stderr: expect.stringContaining('must be kebab-case') });
    await expect(fail(['crm-x', '--category', 'erp'])).rejects.toMatchObject({ stderr: expect.stringContaining('Usage: create-waymark-plugin') });
    await mkdir(join(workspace, 'plugins', 'crm-taken'), { recursive: true });
    await writeFile(join(workspace, 'plugins', 'crm-taken', 'x'), '');
    await expect(fail(['crm-taken', '--category', 'crm'])).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
  });
});
