import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

// The Temporal CLI dev server built for this machine (infra/temporal/temporal-binary.mjs).
export async function temporalBinary(): Promise<string> {
  if (process.env['WAYMARK_TEMPORAL_BIN']) return process.env['WAYMARK_TEMPORAL_BIN'];
  const modulePath = resolve(import.meta.dirname, '../../../../infra/temporal/temporal-binary.mjs');
  const mod: { ensureTemporalBinary: () => string | null } = await import(pathToFileURL(modulePath).href);
  const binary = mod.ensureTemporalBinary();
  if (!binary) throw new Error('No Temporal dev server: set WAYMARK_TEMPORAL_BIN or install Go to build it (see TOOLCHAIN.md)');
  return binary;
}

export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: await temporalBinary() }, ip: '127.0.0.1' } });
}

export function quietLogger() {
  const noop = () => undefined;
  return { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
}
