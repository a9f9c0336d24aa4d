import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

// infra/ stays outside the pnpm workspace; its validator runs here so CI runs it.
describe('infra files validate', () => {
  it('pass helm lint, kubeconform -strict on the rendered chart, and docker compose config', () => {
    const result = spawnSync(process.execPath, [resolve(root, 'infra/validate/validate.mjs')], { encoding: 'utf8', timeout: 900_000 });
    const output = `${result.stdout}${result.stderr}`;
    console.log(output);
    expect(output).toContain('✔ helm lint --strict');
    expect(output).toMatch(/✔ helm template \(defaults\) \| kubeconform -strict\s+Summary: \d+ resources found parsing stdin - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(output).toMatch(/✔ helm template \(everything on\) \| kubeconform -strict\s+Summary: \d+ resources found parsing stdin - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(output).toContain('✔ helm template refuses invalid values (values.schema.json)');
    expect(output).toContain('✔ docker compose config -q');
    expect(result.status).toBe(0);
  }, 900_000);
});
