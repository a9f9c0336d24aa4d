import { isPluginError } from '@waymark/plugin-sdk';
import type { PluginErrorCode } from '@waymark/plugin-sdk';
import { hostContext } from './run-stream.js';
import type { StreamRunInput } from './run-stream.js';

/** Result of {@link testPluginConnection}, ready for the console. */
export type ConnectionTestResult = { ok: true } | { ok: false; code: PluginErrorCode | 'internal'; message: string };

/**
 * Validates config and secrets, then runs the plugin's `testConnection` when it has one.
 * Failures are returned, not thrown, so the console can show the message as is.
 */
export async function testPluginConnection(input: Pick<StreamRunInput, 'plugin' | 'config' | 'secrets' | 'signal' | 'fetch'>): Promise<ConnectionTestResult> {
  try {
    const ctx = hostContext(input, { testConnection: true });
    await input.plugin.testConnection?.(ctx);
    return { ok: true };
  } catch (error) {
    if (isPluginError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
}
