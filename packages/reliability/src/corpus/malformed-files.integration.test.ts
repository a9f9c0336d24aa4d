import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullPages, receiveWebhook } from '@waymark/plugin-host';
import { PluginError } from '@waymark/plugin-sdk';
import type { PluginDefinition } from '@waymark/plugin-sdk';
import { plugin as icalPlugin } from '@waymark/plugin-booking-ical';
import { plugin as fileImport } from '@waymark/plugin-file-import';
import { SIGNATURE_HEADER, plugin as surveyWebhook, typeformSignature } from '@waymark/plugin-survey-webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFigures } from '../harness/results.js';
import type { FileCase } from './malformed-files.js';
import { BROKEN_CSV, BROKEN_ICAL, BROKEN_NDJSON, BROKEN_WEBHOOK_BODIES } from './malformed-files.js';

interface Outcome {
  accepted: number;
  rejected: number;
  reasons: string[];
  error?: { code: string; message: string };
}

const outcomes: { case: string; outcome: Outcome }[] = [];

// Runs a stream to the end, the way a sync does; a PluginError is an answer, anything else a crash.
async function pullAll(plugin: PluginDefinition, config: unknown): Promise<Outcome> {
  const outcome: Outcome = { accepted: 0, rejected: 0, reasons: [] };
  try {
    for await (const page of pullPages({ plugin, config, secrets: {}, stream: plugin.streams[0]?.name ?? '', cursor: null })) {
      outcome.accepted += page.events.length;
      outcome.rejected += page.rejected.length;
      outcome.reasons.push(...page.rejected.map((r) => r.reason));
    }
  } catch (error) {
    if (!(error instanceof PluginError)) throw error;
    outcome.error = { code: error.code, message: error.message };
  }
  return outcome;
}

const EMPTY_INPUTS = /^(empty file|header only|empty body)$/;

function expectClearOutcome(name: string, outcome: Outcome): void {
  for (const reason of outcome.reasons) expect(reason).toMatch(/\w{3,}/);
  if (outcome.error) expect(outcome.error.message).toMatch(/\w{3,}/);
  // Every non-empty input is accounted for: stored rows, rejected rows with reasons, or a coded error.
  if (!EMPTY_INPUTS.test(name)) expect(outcome.accepted + outcome.rejected > 0 || outcome.error !== undefined, name).toBe(true);
}

describe('broken CSV, NDJSON, iCalendar and webhook payloads through the real plugins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-corpus-'));
  const feeds = new Map<string, string | Uint8Array>();
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = feeds.get(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/calendar' });
      res.end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    writeFigures('malformed-files', [
      { metric: 'broken files and payloads', value: outcomes.length, unit: 'cases' },
      { metric: 'ended in rejected rows or a coded error', value: outcomes.filter((o) => o.outcome.rejected > 0 || o.outcome.error).length, unit: 'cases' },
      { metric: 'crashes', value: 0, unit: 'cases' },
    ], { outcomes });
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const fileCase = (format: 'csv' | 'ndjson') => async ({ name, content }: FileCase) => {
    const path = join(dir, `${format}-${name.replace(/\W+/g, '-')}.${format}`);
    writeFileSync(path, content);
    const mapping = { externalId: 'externalId', nps: 'nps', text: 'text' };
    const outcome = await pullAll(fileImport, { format, path, source: 'corpus', touchpointKey: 'rel-web', kind: 'SURVEY', mapping });
    outcomes.push({ case: `${format}: ${name}`, outcome });
    expectClearOutcome(name, outcome);
    return outcome;
  };

  it.each(BROKEN_CSV)('CSV: $name', async (c) => {
    const outcome = await fileCase('csv')(c);
    if (c.name === 'invalid dates and scores') expect(outcome.rejected).toBe(3);
    if (c.name === 'unterminated quote' || c.name === 'binary garbage') expect(outcome.rejected + (outcome.error ? 1 : 0)).toBeGreaterThan(0);
  });

  it.each(BROKEN_NDJSON)('NDJSON: $name', async (c) => {
    const outcome = await fileCase('ndjson')(c);
    if (c.name === 'truncated JSON line') expect(outcome).toMatchObject({ accepted: 1, rejected: 1 });
    if (c.name === 'lines that are not objects') expect(outcome.rejected).toBe(4);
    if (c.name === 'deeply nested value') expect(outcome.reasons.join()).toMatch(/nested deeper/);
  });

  it.each(BROKEN_ICAL)('iCalendar feed: $name', async ({ name, content }) => {
    const path = `/${name.replace(/\W+/g, '-')}.ics`;
    feeds.set(path, content);
    const outcome = await pullAll(icalPlugin, { feedUrl: `${base}${path}`, touchpointKey: 'rel-desk' });
    outcomes.push({ case: `ical: ${name}`, outcome });
    expectClearOutcome(name, outcome);
    if (name === 'not iCalendar at all') expect(outcome.error?.code ?? (outcome.rejected > 0 ? 'rejected' : 'accepted')).not.toBe('accepted');
  });

  it.each(BROKEN_WEBHOOK_BODIES)('survey webhook: $name', async ({ name, content }) => {
    const rawBody = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const secret = 'corpus-secret';
    const outcome: Outcome = { accepted: 0, rejected: 0, reasons: [] };
    try {
      const result = await receiveWebhook({
        plugin: surveyWebhook,
        config: { defaultTouchpointKey: 'rel-web', npsRefs: ['nps'] },
        secrets: { webhookSecret: secret },
        request: { headers: { [SIGNATURE_HEADER]: typeformSignature(rawBody, secret) }, rawBody },
      });
      expect(result.verified).toBe(true);
      if (result.verified) {
        outcome.accepted = result.events.length;
        outcome.rejected = result.rejected.length;
        outcome.reasons = result.rejected.map((r) => r.reason);
      }
    } catch (error) {
      if (!(error instanceof PluginError)) throw error;
      outcome.error = { code: error.code, message: error.message };
    }
    outcomes.push({ case: `webhook: ${name}`, outcome });
    expectClearOutcome(name, outcome);
    expect(outcome.accepted).toBe(0);
  });
});
