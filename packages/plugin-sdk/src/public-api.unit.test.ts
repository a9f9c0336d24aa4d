import { describe, expect, it } from 'vitest';
import * as sdk from './index.js';
import * as testkit from './testkit/index.js';

// The published surface: a change here is a semver decision (add → minor, remove/rename → major),
// so it must be made on purpose, with a changeset.
describe('public API report', () => {
  it('exports exactly these runtime values from @waymark/plugin-sdk', () => {
    expect(Object.keys(sdk).sort()).toEqual([
      'EVENT_KINDS',
      'PLUGIN_CATEGORIES',
      'PLUGIN_ERROR_CODES',
      'PluginError',
      'REDACTED',
      'createHttpClient',
      'createPluginContext',
      'createPluginLogger',
      'customerRefSchema',
      'definePlugin',
      'defineStream',
      'formatIssues',
      'httpStatusError',
      'isPluginDefinition',
      'isPluginError',
      'normalizedEventSchema',
      'pluginDefinitionProblems',
      'secretRedactor',
      'toPluginError',
      'validateEvent',
    ]);
  });

  it('exports exactly these runtime values from @waymark/plugin-sdk/testkit', () => {
    expect(Object.keys(testkit).sort()).toEqual(['expectPluginContract', 'loadFixtures', 'runPluginContract', 'startFixtureServer', 'webhookRequest']);
  });

  it('keeps the error codes stable', () => {
    expect(sdk.PLUGIN_ERROR_CODES).toEqual([
      'config_invalid', 'secret_missing', 'auth_failed', 'rate_limited', 'upstream_unavailable', 'upstream_error',
      'bad_record', 'cursor_invalid', 'aborted', 'not_supported', 'plugin_invalid',
    ]);
  });
});
