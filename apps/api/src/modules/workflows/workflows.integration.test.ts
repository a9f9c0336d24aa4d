import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { seedDemoWorkspace } from '@waymark/db';
import { auditWorkflowId, deleteSchedule, describeSchedule, scheduleId, traceCarrier } from '@waymark/workflows';
import type { ScheduleKind } from '@waymark/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirstRuns } from '../../bootstrap/first-runs.js';
import type { ApiConfig } from '../../config/api-config.js';
import { WorkflowsService } from './workflows.service.js';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTemporalServer, startTestWorker } from '../../test-support/temporal-worker.js';
import type { RunningTestWorker } from '../../test-support/temporal-worker.js';

// runSync, startConsistencyAudit and startRoiEvaluation end to end: the API starts the workflows on a
// real Temporal dev server, a real worker runs them with the real activities, and the results are
// read back through GraphQL.

const NOW = new Date('2026-11-01T12:00:00Z');
const SECRETS_KEY = randomBytes(32).toString('base64');

const JOURNEY = {
  name: 'Resort stay',
  stages: [
    { name: 'Awareness', touchpoints: [{ key: 'web.ad', name: 'Display ad', type: 'CONTACT', channel: 'social', mode: 'ONLINE', ownerTeam: 'Marketing', facts: { 'price.room': '189 EUR' } }] },
    { name: 'Booking', touchpoints: [
      { key: 'web.booking', name: 'Web booking', type: 'INTERACTION', channel: 'web', mode: 'ONLINE', ownerTeam: 'Digital', facts: { 'price.room': '199 EUR' } },
      { key: 'phone.booking', name: 'Phone booking', type: 'INTERACTION', channel: 'phone', mode: 'OFFLINE' },
    ] },
    { name: 'Advocacy' },
  ],
};

interface Journey {
  id: string;
  stages: { name: string; touchpoints: { id: string; key: string }[] }[];
}

let api: ApiHarness;
let temporal: TestWorkflowEnvironment;
let worker: RunningTestWorker;
let journey: Journey;
let folder: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await api.gql<T>(api.adminToken, query, variables);
  if (result.errors || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

// Polls read() until done(value) or the deadline, returning the last value either way.
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

const finished = (run: { status: string } | null): boolean => run !== null && (run.status === 'COMPLETED' || run.status === 'FAILED');

function touchpointId(key: string): string {
  const found = journey.stages.flatMap((stage) => stage.touchpoints).find((tp) => tp.key === key);
  if (!found) throw new Error(`no touchpoint ${key}`);
  return found.id;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'waymark-api-workflows-'));
  temporal = await startTemporalServer();
  api = await startHarness({ WAYMARK_SECRETS_KEY: SECRETS_KEY, TEMPORAL_ADDRESS: temporal.connection.options.address });
  worker = await startTestWorker(temporal, { db: api.test.db, secretsKey: SECRETS_KEY, now: () => NOW });
  journey = (await gql<{ createJourney: Journey }>('mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { name touchpoints { id key } } } }', { input: JOURNEY })).createJourney;
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await temporal?.teardown();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 120_000);

describe('runSync through Temporal', () => {
  it('imports a file page by page and completes with every event, visible through GraphQL', async () => {
    const path = join(folder, 'bookings.ndjson');
    const rows = Array.from({ length: 25 }, (_, n) => JSON.stringify({ id: `visit-${n}`, customerRef: `email:guest${n % 7}@example.com`, occurredAt: new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString() }));
    writeFileSync(path, `${rows.join('\n')}\n`);
    const { configureIntegration } = await gql<{ configureIntegration: { id: string } }>('mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }', {
      input: { pluginId: 'file-import', name: 'Booking export', config: { format: 'ndjson', path, touchpointKey: 'web.booking', kind: 'VIEW', pageSize: 10, mapping: { externalId: 'id' } } },
    });
    const { runSync } = await gql<{ runSync: { id: string; status: string } }>('mutation($id: ID!) { runSync(integrationId: $id) { id status } }', { id: configureIntegration.id });
    expect(['QUEUED', 'RUNNING']).toContain(runSync.status);

    const run = await until(
      async () => (await gql<{ syncRun: { status: string; pages: number; eventsAccepted: number; eventsRejected: number; error: string | null } | null }>(
        'query($id: ID!) { syncRun(id: $id) { status pages eventsAccepted eventsRejected error } }', { id: runSync.id })).syncRun,
      finished,
    );
    expect(run).toEqual({ status: 'COMPLETED', pages: 3, eventsAccepted: 25, eventsRejected: 0, error: null });
    const { events } = await gql<{ events: { nodes: { kind: string }[] } }>('query($tp: ID!) { events(touchpointId: $tp, first: 100) { nodes { kind } } }', { tp: touchpointId('web.booking') });
    expect(events.nodes).toHaveLength(25);
    expect(new Set(events.nodes.map((event) => event.kind))).toEqual(new Set(['VIEW']));
  });
});

describe('startConsistencyAudit through Temporal', () => {
  it('audits the journey and stores findings readable with audit(id)', async () => {
    const { startConsistencyAudit } = await gql<{ startConsistencyAudit: { id: string; status: string } }>('mutation($id: ID!) { startConsistencyAudit(journeyId: $id) { id status } }', { id: journey.id });
    const audit = await until(
      async () => (await gql<{ audit: { status: string; journey: { id: string }; findings: { rule: string; severity: string; change: string; touchpoints: { key: string }[] }[] } | null }>(
        'query($id: ID!) { audit(id: $id) { status journey { id } findings { rule severity change touchpoints { key } } } }', { id: startConsistencyAudit.id })).audit,
      finished,
    );
    expect(audit?.status).toBe('COMPLETED');
    expect(audit?.journey.id).toBe(journey.id);
    expect(audit?.findings).toEqual(expect.arrayContaining([
      { rule: 'fact-consistency', severity: 'HIGH', change: 'NEW', touchpoints: expect.arrayContaining([{ key: 'web.ad' }, { key: 'web.booking' }]) },
      { rule: 'coverage-empty-stage', severity: 'MEDIUM', change: 'NEW', touchpoints: [] },
      { rule: 'coverage-no-owner', severity: 'LOW', change: 'NEW', touchpoints: [{ key: 'phone.booking' }] },
    ]));
  });
});

describe('startRoiEvaluation through Temporal', () => {
  it('evaluates an initiative against its equal-length baseline and stores the numbers', async () => {
    const start = Date.UTC(2026, 2, 1);
    const end = Date.UTC(2026, 2, 11);
    const day = 86_400_000;
    // Baseline [Feb 19, Mar 1): 10 purchases of 100; initiative [Mar 1, Mar 11): 10 of 300. Incremental 2000 for a cost of 1000.
    const purchase = (id: string, at: number, value: number) => ({ source: 'pos', externalId: id, touchpointKey: 'phone.booking', customerRef: `email:${id}@example.com`, occurredAt: new Date(at).toISOString(), kind: 'PURCHASE', value });
    const events = [
      ...Array.from({ length: 10 }, (_, i) => purchase(`before-${i}`, start - (i + 0.5) * day, 100)),
      ...Array.from({ length: 10 }, (_, i) => purchase(`during-${i}`, end - (i + 0.5) * day, 300)),
    ];
    const { ingestEvents } = await gql<{ ingestEvents: { accepted: number } }>('mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }', { events });
    expect(ingestEvents.accepted).toBe(20);
    const { createInitiative } = await gql<{ createInitiative: { id: string } }>('mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }', {
      input: { name: 'Phone callback', touchpointIds: [touchpointId('phone.booking')], startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(), cost: 1000 },
    });
    const { startRoiEvaluation } = await gql<{ startRoiEvaluation: { id: string } }>('mutation($id: ID!) { startRoiEvaluation(initiativeId: $id) { id } }', { id: createInitiative.id });

    const evaluation = await until(
      async () => (await gql<{ roiEvaluation: { status: string; roi: number | null; incrementalRevenue: number | null; ciLow: number | null; ciHigh: number | null; kpiDeltas: unknown } | null }>(
        'query($id: ID!) { roiEvaluation(id: $id) { status roi incrementalRevenue ciLow ciHigh kpiDeltas } }', { id: startRoiEvaluation.id })).roiEvaluation,
      finished,
    );
    expect(evaluation?.status).toBe('COMPLETED');
    expect(evaluation?.incrementalRevenue).toBeCloseTo(2000, 6);
    expect(evaluation?.roi).toBeCloseTo(1, 6);
    expect(evaluation?.ciLow).toBeLessThanOrEqual(2000);
    expect(evaluation?.ciHigh).toBeGreaterThanOrEqual(2000);
    expect(evaluation?.kpiDeltas).toMatchObject({ conversionRate: expect.any(Number) });
  });
});

describe('schedules through the API', () => {
  const SCHEDULE_FIELDS = 'kind targetId cron timeZone nextRuns';
  interface Schedule { kind: string; targetId: string; cron: string; timeZone: string; nextRuns: string[] }

  it('sets, reads and removes a journey\'s RISK schedule in the workspace time zone', async () => {
    const { setSchedule } = await gql<{ setSchedule: Schedule }>(`mutation($input: ScheduleInput!) { setSchedule(input: $input) { ${SCHEDULE_FIELDS} } }`, {
      input: { kind: 'RISK', targetId: journey.id, cron: '0 6 * * *' },
    });
    expect(setSchedule).toMatchObject({ kind: 'RISK', targetId: journey.id, cron: '0 6 * * *', timeZone: 'UTC' });
    expect(setSchedule.nextRuns.length).toBeGreaterThan(0);
    expect(new Date(setSchedule.nextRuns[0]!).getUTCHours()).toBe(6);
    const read = async () => (await gql<{ schedule: Schedule | null }>(`query($id: ID) { schedule(kind: RISK, targetId: $id) { ${SCHEDULE_FIELDS} } }`, { id: journey.id })).schedule;
    expect(await read()).toEqual(setSchedule);
    // Recorded for backups and for the worker to re-apply at start.
    expect(await api.test.db.query('SELECT kind, cron, time_zone FROM schedules WHERE target_id = $1::uuid', [journey.id])).toEqual([{ kind: 'risk', cron: '0 6 * * *', time_zone: 'UTC' }]);

    const lisbon = (await gql<{ setSchedule: Schedule }>(`mutation($input: ScheduleInput!) { setSchedule(input: $input) { ${SCHEDULE_FIELDS} } }`, {
      input: { kind: 'RISK', targetId: journey.id, cron: '30 7 * * 1', timeZone: 'Europe/Lisbon' },
    })).setSchedule;
    expect(lisbon).toMatchObject({ cron: '30 7 * * 1', timeZone: 'Europe/Lisbon' });
    expect(new Date(lisbon.nextRuns[0]!).getUTCDay()).toBe(1);

    const remove = 'mutation($id: ID) { removeSchedule(kind: RISK, targetId: $id) }';
    const other = await api.otherWorkspace();
    expect((await api.gql<{ removeSchedule: boolean }>(other.adminToken, remove, { id: journey.id })).data?.removeSchedule).toBe(false);
    expect(await read()).toEqual(lisbon);
    expect((await gql<{ removeSchedule: boolean }>(remove, { id: journey.id })).removeSchedule).toBe(true);
    expect(await read()).toBeNull();
    expect(await api.test.db.query('SELECT 1 FROM schedules WHERE target_id = $1::uuid', [journey.id])).toEqual([]);
    expect((await gql<{ removeSchedule: boolean }>(remove, { id: journey.id })).removeSchedule).toBe(false);
  });

  it('schedules an initiative\'s ROI evaluation, in the initiative\'s workspace only', async () => {
    const { createInitiative } = await gql<{ createInitiative: { id: string } }>('mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }', {
      input: { name: 'Weekly callback review', touchpointIds: [touchpointId('phone.booking')], startDate: '2026-05-01T00:00:00Z', cost: 800 },
    });
    const input = { kind: 'ROI', targetId: createInitiative.id, cron: '0 7 * * 1' };
    const set = 'mutation($input: ScheduleInput!) { setSchedule(input: $input) { kind targetId cron nextRuns } }';
    const other = await api.otherWorkspace();
    const refused = await api.gql(other.adminToken, set, { input });
    expect([refused.errors?.[0]?.extensions?.code, refused.errors?.[0]?.message]).toEqual(['NOT_FOUND', `No initiative with id "${createInitiative.id}" in this workspace.`]);
    const { setSchedule } = await gql<{ setSchedule: Schedule }>(set, { input });
    expect(setSchedule).toMatchObject({ kind: 'ROI', targetId: createInitiative.id, cron: '0 7 * * 1' });
    expect(new Date(setSchedule.nextRuns[0]!).getUTCDay()).toBe(1);
    const target = { workspaceId: api.workspaceId, kind: 'roi', targetId: createInitiative.id } as const;
    expect(await describeSchedule(temporal.client, target)).toMatchObject({ cron: '0 7 * * 1' });
    expect((await gql<{ removeSchedule: boolean }>('mutation($id: ID) { removeSchedule(kind: ROI, targetId: $id) }', { id: createInitiative.id })).removeSchedule).toBe(true);
    expect(await describeSchedule(temporal.client, target)).toBeNull();
  });

  it('lists what runs by itself in the workspace, with the targets\' names, and nothing of another workspace', async () => {
    const set = 'mutation($input: ScheduleInput!) { setSchedule(input: $input) { cron } }';
    await gql(set, { input: { kind: 'AUDIT', targetId: journey.id, cron: '0 5 * * *' } });
    await gql(set, { input: { kind: 'KPI_WATCH', cron: '15 * * * *' } });
    const list = 'query($kind: ScheduleKind) { schedules(kind: $kind) { kind targetId targetName cron nextRuns } }';
    const { schedules } = await gql<{ schedules: (Schedule & { targetName: string | null })[] }>(list);
    expect(schedules.map(({ kind, targetId, targetName, cron }) => ({ kind, targetId, targetName, cron }))).toEqual([
      { kind: 'AUDIT', targetId: journey.id, targetName: 'Resort stay', cron: '0 5 * * *' },
      { kind: 'KPI_WATCH', targetId: api.workspaceId, targetName: expect.any(String), cron: '15 * * * *' },
    ]);
    expect(schedules.every((schedule) => schedule.nextRuns.length > 0)).toBe(true);
    expect((await gql<{ schedules: Schedule[] }>(list, { kind: 'AUDIT' })).schedules.map((schedule) => schedule.kind)).toEqual(['AUDIT']);
    const other = await api.otherWorkspace();
    expect((await api.gql<{ schedules: Schedule[] }>(other.adminToken, list)).data?.schedules).toEqual([]);
    await gql('mutation($id: ID) { removeSchedule(kind: AUDIT, targetId: $id) }', { id: journey.id });
    await gql('mutation { removeSchedule(kind: KPI_WATCH) }');
    expect((await gql<{ schedules: Schedule[] }>(list)).schedules).toEqual([]);
  });

  it('removes a journey\'s schedules with the journey', async () => {
    const { createJourney } = await gql<{ createJourney: { id: string } }>('mutation { createJourney(input: { name: "Short-lived", stages: [{ name: "Only" }] }) { id } }');
    await gql(`mutation($input: ScheduleInput!) { setSchedule(input: $input) { cron } }`, { input: { kind: 'AUDIT', targetId: createJourney.id, cron: '0 5 * * *' } });
    const target = { workspaceId: api.workspaceId, kind: 'audit', targetId: createJourney.id } as const;
    expect(await describeSchedule(temporal.client, target)).not.toBeNull();
    await gql('mutation($id: ID!) { deleteJourney(id: $id) }', { id: createJourney.id });
    expect(await describeSchedule(temporal.client, target)).toBeNull();
    expect(await api.test.db.query('SELECT 1 FROM schedules WHERE target_id = $1::uuid', [createJourney.id])).toEqual([]);
    expect((await gql<{ removeSchedule: boolean }>('mutation($id: ID) { removeSchedule(kind: AUDIT, targetId: $id) }', { id: createJourney.id })).removeSchedule).toBe(false);
  });

  it('removes an initiative\'s ROI schedule with the initiative', async () => {
    const { createInitiative } = await gql<{ createInitiative: { id: string } }>('mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }', {
      input: { name: 'Short-lived offer', touchpointIds: [touchpointId('phone.booking')], startDate: '2026-05-01T00:00:00Z', cost: 300 },
    });
    await gql(`mutation($input: ScheduleInput!) { setSchedule(input: $input) { cron } }`, { input: { kind: 'ROI', targetId: createInitiative.id, cron: '0 7 * * 1' } });
    const target = { workspaceId: api.workspaceId, kind: 'roi', targetId: createInitiative.id } as const;
    expect(await describeSchedule(temporal.client, target)).not.toBeNull();
    expect((await gql<{ deleteInitiative: boolean }>('mutation($id: ID!) { deleteInitiative(id: $id) }', { id: createInitiative.id })).deleteInitiative).toBe(true);
    expect(await describeSchedule(temporal.client, target)).toBeNull();
    expect(await api.test.db.query('SELECT 1 FROM schedules WHERE target_id = $1::uuid', [createInitiative.id])).toEqual([]);
  });

  it('refuses a bad cron, an unknown time zone and a target outside the workspace, with reasons', async () => {
    const set = (input: Record<string, unknown>, token = api.adminToken) =>
      api.gql(token, 'mutation($input: ScheduleInput!) { setSchedule(input: $input) { cron } }', { input });
    const codeAndMessage = (result: Awaited<ReturnType<typeof set>>) => [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message];
    expect(codeAndMessage(await set({ kind: 'AUDIT', targetId: journey.id, cron: '99 * * * *' }))).toEqual(['BAD_USER_INPUT', expect.stringMatching(/not a valid cron expression: .*0-59/)]);
    expect(codeAndMessage(await set({ kind: 'AUDIT', targetId: journey.id, cron: '0 6 * * *', timeZone: 'Mars/Base' }))).toEqual(['BAD_USER_INPUT', expect.stringContaining('Unknown time zone "Mars/Base"')]);
    expect(codeAndMessage(await set({ kind: 'AUDIT', cron: '0 6 * * *' }))).toEqual(['BAD_USER_INPUT', expect.stringContaining('needs targetId')]);
    expect(codeAndMessage(await set({ kind: 'SYNC', targetId: journey.id, cron: '0 6 * * *' }))[0]).toBe('NOT_FOUND');
    const other = await api.otherWorkspace();
    expect(codeAndMessage(await set({ kind: 'AUDIT', targetId: journey.id, cron: '0 6 * * *' }, other.adminToken))[0]).toBe('NOT_FOUND');
    expect(codeAndMessage(await set({ kind: 'KPI_WATCH', targetId: api.workspaceId, cron: '0 6 * * *' }, other.adminToken))[0]).toBe('BAD_USER_INPUT');
    const executive = await api.token('EXECUTIVE');
    expect(codeAndMessage(await set({ kind: 'KPI_WATCH', cron: '0 6 * * *' }, executive))[0]).toBe('FORBIDDEN');
    expect((await api.gql<{ schedule: unknown }>(executive, 'query($id: ID) { schedule(kind: AUDIT, targetId: $id) { cron } }', { id: journey.id })).data?.schedule).toBeNull();
  });

  it('turns an integration\'s schedule into its SYNC schedule, and removes it when cleared', async () => {
    const path = join(folder, 'scheduled.ndjson');
    writeFileSync(path, `${JSON.stringify({ id: 'scheduled-1', customerRef: 'email:s@example.com', occurredAt: NOW.toISOString() })}\n`);
    const configure = (input: Record<string, unknown>) => gql<{ configureIntegration: { id: string; schedule: string | null } }>(
      'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id schedule } }', { input });
    const base = { pluginId: 'file-import', name: 'Nightly export', config: { format: 'ndjson', path, touchpointKey: 'web.booking', kind: 'VIEW', mapping: { externalId: 'id' } } };
    const { configureIntegration: created } = await configure({ ...base, schedule: '15 2 * * *' });
    expect(created.schedule).toBe('15 2 * * *');
    const read = async () => (await gql<{ schedule: Schedule | null }>(`query($id: ID) { schedule(kind: SYNC, targetId: $id) { ${SCHEDULE_FIELDS} } }`, { id: created.id })).schedule;
    expect(await read()).toMatchObject({ kind: 'SYNC', targetId: created.id, cron: '15 2 * * *' });
    const refused = await api.gql(api.adminToken, 'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }', { input: { ...base, id: created.id, schedule: 'hourly' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await read()).toMatchObject({ cron: '15 2 * * *' });
    await configure({ ...base, id: created.id, schedule: null });
    expect(await read()).toBeNull();
  });

  it('removes an integration\'s SYNC schedule with the integration', async () => {
    const config = { format: 'ndjson', path: join(folder, 'gone.ndjson'), touchpointKey: 'web.booking', kind: 'VIEW' };
    const { configureIntegration: created } = await gql<{ configureIntegration: { id: string } }>(
      'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }', { input: { pluginId: 'file-import', name: 'Trial export', config, schedule: '0 3 * * *' } });
    const target = { workspaceId: api.workspaceId, kind: 'sync', targetId: created.id } as const;
    expect(await describeSchedule(temporal.client, target)).not.toBeNull();
    expect((await gql<{ deleteIntegration: boolean }>('mutation($id: ID!) { deleteIntegration(id: $id) }', { id: created.id })).deleteIntegration).toBe(true);
    expect(await describeSchedule(temporal.client, target)).toBeNull();
    expect(await api.test.db.query('SELECT 1 FROM schedules WHERE target_id = $1::uuid', [created.id])).toEqual([]);
  });
});

describe('on-demand risk assessment and KPI watch through Temporal', () => {
  it('assessRisks runs the assessment now and answers with the ranked register', async () => {
    const { assessRisks } = await gql<{ assessRisks: { rank: number; score: number; volume: number | null; touchpoint: { key: string } }[] }>(
      'mutation($id: ID!) { assessRisks(journeyId: $id) { rank score volume touchpoint { key } } }', { id: journey.id });
    expect(assessRisks.map((r) => r.touchpoint.key).sort()).toEqual(['phone.booking', 'web.ad', 'web.booking']);
    expect(assessRisks.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(assessRisks.every((r) => Number.isInteger(r.volume))).toBe(true);
    expect(assessRisks.map((r) => r.score)).toEqual([...assessRisks.map((r) => r.score)].sort((a, b) => b - a));
    const { riskRegister } = await gql<{ riskRegister: unknown[] }>('query($id: ID!) { riskRegister(journeyId: $id) { rank score volume touchpoint { key } } }', { id: journey.id });
    expect(riskRegister).toEqual(assessRisks);
  });

  it('runKpiWatch checks the thresholds now and opens an alert for a breach', async () => {
    const survey = (n: number) => ({ source: 'survey', externalId: `watch-${n}`, touchpointKey: 'web.ad', customerRef: `email:w${n}@example.com`, occurredAt: new Date(NOW.getTime() - 86_400_000).toISOString(), kind: 'SURVEY', nps: 2 });
    await gql('mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }', { events: [survey(1), survey(2), survey(3)] });
    await gql('mutation($input: ThresholdInput!) { setThreshold(input: $input) { id } }', { input: { touchpointId: touchpointId('web.ad'), metric: 'NPS', value: 0, minSample: 3 } });
    const { runKpiWatch } = await gql<{ runKpiWatch: { checked: number; breached: number; opened: number; resolved: number } }>('mutation { runKpiWatch { checked breached opened resolved } }');
    expect(runKpiWatch).toEqual({ checked: 1, breached: 1, opened: 1, resolved: 0 });
    const { alerts } = await gql<{ alerts: { metric: string; touchpoint: { key: string } }[] }>('{ alerts(status: OPEN) { metric touchpoint { key } } }');
    expect(alerts).toEqual([{ metric: 'NPS', touchpoint: { key: 'web.ad' } }]);
  });
});

describe('trace context through Temporal', () => {
  const spans = new InMemorySpanExporter();
  let provider: NodeTracerProvider;

  beforeAll(() => {
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    provider.register();
  });

  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('starts the workflow with the trace context of the request\'s GraphQL span, for the worker to continue', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { startConsistencyAudit(journeyId: $id) { id } }', variables: { id: journey.id } }),
    });
    const body = (await response.json()) as { data: { startConsistencyAudit: { id: string } } };
    const history = await temporal.client.workflow.getHandle(auditWorkflowId(body.data.startConsistencyAudit.id)).fetchHistory();
    const header = history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields ?? undefined;
    const operation = spans.getFinishedSpans().find((span) => span.name === 'graphql mutation startConsistencyAudit');
    expect(operation?.spanContext().traceId).toBe(traceId);
    expect(traceCarrier(header).traceparent).toBe(`00-${traceId}-${operation?.spanContext().spanId}-01`);
  });
});

describe('the demo workspace\'s first start', () => {
  it('applies the demo\'s schedules and runs each once: audits, risk register, KPI watch and ROI report are there at once', async () => {
    const demo = await seedDemoWorkspace(api.test.db, { scale: 0.02, now: NOW });
    const workflows = new WorkflowsService({ TEMPORAL_ADDRESS: temporal.connection.options.address, TEMPORAL_NAMESPACE: 'default' } as ApiConfig);
    const report = await startFirstRuns(api.test.db, workflows, demo.workspaceId).finally(() => workflows.onModuleDestroy());
    // KPI watch, three journeys' audits and risk assessments, the initiative's ROI.
    expect(report).toEqual({ applied: 8, refused: [] });
    const count = async (sql: string) => (await api.test.db.query<{ n: number }>(sql, [demo.workspaceId]))[0]?.n;
    await expect.poll(() => count(`SELECT count(*)::int AS n FROM consistency_audits WHERE workspace_id = $1::uuid AND status = 'COMPLETED'`), { timeout: 90_000, interval: 500 }).toBe(3);
    await expect.poll(() => count('SELECT count(DISTINCT journey_id)::int AS n FROM touchpoint_risks WHERE workspace_id = $1::uuid'), { timeout: 60_000, interval: 500 }).toBe(3);
    await expect.poll(() => count(`SELECT count(*)::int AS n FROM roi_evaluations WHERE workspace_id = $1::uuid AND status = 'COMPLETED'`), { timeout: 60_000, interval: 500 }).toBe(1);
    // The demo audit finds the room-price disagreement it was built with.
    expect(await count(`SELECT count(*)::int AS n FROM findings WHERE workspace_id = $1::uuid AND rule = 'fact-consistency'`)).toBeGreaterThan(0);
    const watch = { workspaceId: demo.workspaceId, kind: 'kpi-watch' as ScheduleKind, targetId: demo.workspaceId };
    const action = (await temporal.client.schedule.getHandle(scheduleId(watch)).describe()).info.recentActions[0]?.action;
    expect(await temporal.client.workflow.getHandle(action?.workflow.workflowId ?? 'none').result()).toMatchObject({ checked: 4 });
    expect(await describeSchedule(temporal.client, watch)).toMatchObject({ cron: '0 * * * *', timezone: 'Europe/Lisbon' });

    const rows = await api.test.db.query<{ kind: ScheduleKind; target_id: string }>('SELECT kind, target_id FROM schedules WHERE workspace_id = $1::uuid', [demo.workspaceId]);
    for (const row of rows) await deleteSchedule(temporal.client, { workspaceId: demo.workspaceId, kind: row.kind, targetId: row.target_id });
  });
});
