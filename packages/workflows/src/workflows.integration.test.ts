import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import { createPluginRegistry } from '@waymark/plugin-host';
import { scheduleRepository } from '@waymark/db';
import type { Db } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from './activities.js';
import { startConsistencyAudit } from './consistency-audit/client.js';
import { startKpiWatch } from './kpi-watch/client.js';
import { startRiskAssessment } from './risk-assessment/client.js';
import { startRoiEvaluation } from './roi-evaluation/client.js';
import { deleteSchedule, describeSchedule, scheduleId, upsertSchedule } from './schedules/client.js';
import { reapplySchedules } from './schedules/reapply.js';
import { daysBefore, insertEvents, seedJourney } from './test-support/fixtures.js';
import { recordHistory } from './test-support/histories.js';
import { startTemporal } from './test-support/temporal.js';
import { bundleWorkflows, createTestWorker } from './test-support/worker.js';

const NOW = new Date('2026-06-30T12:00:00Z');
let clock = NOW;
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
let database: TestDatabase;
let db: Db;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  [env, bundle, database] = await Promise.all([startTemporal(), bundleWorkflows(), createTestDatabase('postgres')]);
  db = database.db;
  const plugins = await createPluginRegistry({ appDir: false, bundled: false });
  const activities = createActivities({
    db,
    plugins,
    ingestPage: () => Promise.reject(new Error('no plugin syncs in this file')),
    decryptSecrets: () => ({}),
    workerName: 'test',
    now: () => clock,
  });
  worker = await createTestWorker(env, bundle, activities);
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.drop();
});

async function auditRow(auditId: string) {
  const [row] = await db.query<{ status: string; previous_audit_id: string | null }>('SELECT status, previous_audit_id FROM consistency_audits WHERE id = $1::uuid', [auditId]);
  const findings = await db.query<{ rule: string; severity: string; fingerprint: string; change: string; touchpoint_ids: string[] }>(
    'SELECT rule, severity, fingerprint, change, touchpoint_ids FROM findings WHERE audit_id = $1::uuid ORDER BY rule, fingerprint',
    [auditId],
  );
  return { ...row, findings };
}

async function newAudit(workspaceId: string, journeyId: string, settings: object = {}): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO consistency_audits (id, workspace_id, journey_id, status, settings) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'QUEUED', $3::jsonb) RETURNING id`,
    [workspaceId, journeyId, JSON.stringify(settings)],
  );
  if (!row) throw new Error('audit row not created');
  return row.id;
}

describe('consistency audit workflow', () => {
  it('finds all three rule families, stores them with severity, and diffs the next audit against it', async () => {
    clock = NOW;
    const seeded = await seedJourney(db, ['Awareness', 'Purchase', 'Advocacy'], [
      { key: 'social-ad', stage: 'Awareness', channel: 'social', ownerTeam: 'marketing' },
      { key: 'web-booking', stage: 'Purchase', channel: 'web', ownerTeam: 'digital', facts: { 'price.standard_room': '189 EUR' } },
      { key: 'phone-booking', stage: 'Purchase', channel: 'phone', ownerTeam: null, facts: { 'price.standard_room': '199 EUR' } },
    ]);
    const web = seeded.touchpoints.get('web-booking') ?? '';
    const phone = seeded.touchpoints.get('phone-booking') ?? '';
    await insertEvents(db, seeded.workspaceId, [
      ...Array.from({ length: 30 }, (_, i) => ({ touchpointId: web, occurredAt: daysBefore(NOW, 1 + (i % 5)), csat: 5 })),
      ...Array.from({ length: 30 }, (_, i) => ({ touchpointId: phone, occurredAt: daysBefore(NOW, 1 + (i % 5)), csat: i < 6 ? 4 : 2 })),
      { touchpointId: seeded.touchpoints.get('social-ad') ?? '', occurredAt: daysBefore(NOW, 20), kind: 'VIEW' },
    ]);

    const first = await newAudit(seeded.workspaceId, seeded.journeyId);
    const auditHandle = await startConsistencyAudit(env.client, { workspaceId: seeded.workspaceId, auditId: first });
    const summary = await auditHandle.result();
    await recordHistory(env.client, 'consistency-audit', auditHandle.workflowId);
    expect(summary).toEqual({ findings: 5, new: 5, persisting: 0, resolved: 0, previousAuditId: null });
    const stored = await auditRow(first);
    expect(stored.status).toBe('COMPLETED');
    expect(stored.findings.map((f) => [f.rule, f.severity, f.change])).toEqual([
      ['coverage-empty-stage', 'MEDIUM', 'NEW'],
      ['coverage-no-owner', 'LOW', 'NEW'],
      ['coverage-stale-feed', 'HIGH', 'NEW'],
      ['experience-consistency', 'HIGH', 'NEW'],
      ['fact-consistency', 'HIGH', 'NEW'],
    ]);
    expect(stored.findings.find((f) => f.rule === 'experience-consistency')?.touchpoint_ids.sort()).toEqual([web, phone].sort());

    // The phone team fixes its price and takes ownership; a day later the audit runs again.
    await db.query(`UPDATE touchpoints SET facts = '{"price.standard_room": "189 EUR"}', owner_team = 'reservations' WHERE id = $1::uuid`, [phone]);
    clock = new Date(NOW.getTime() + 86_400_000);
    const second = await newAudit(seeded.workspaceId, seeded.journeyId);
    const again = await (await startConsistencyAudit(env.client, { workspaceId: seeded.workspaceId, auditId: second })).result();
    expect(again).toEqual({ findings: 5, new: 0, persisting: 3, resolved: 2, previousAuditId: first });
    const diffed = await auditRow(second);
    expect(diffed.previous_audit_id).toBe(first);
    expect(diffed.findings.map((f) => [f.rule, f.change])).toEqual([
      ['coverage-empty-stage', 'PERSISTING'],
      ['coverage-no-owner', 'RESOLVED'],
      ['coverage-stale-feed', 'PERSISTING'],
      ['experience-consistency', 'PERSISTING'],
      ['fact-consistency', 'RESOLVED'],
    ]);
  });

  it('applies the audit settings: a larger threshold and sample size silence the experience rule', async () => {
    clock = NOW;
    const seeded = await seedJourney(db, ['Purchase'], [
      { key: 'web', stage: 'Purchase', channel: 'web', ownerTeam: 'a' },
      { key: 'desk', stage: 'Purchase', channel: 'front_desk', ownerTeam: 'b' },
    ]);
    const web = seeded.touchpoints.get('web') ?? '';
    const desk = seeded.touchpoints.get('desk') ?? '';
    await insertEvents(db, seeded.workspaceId, [
      ...Array.from({ length: 10 }, () => ({ touchpointId: web, occurredAt: daysBefore(NOW, 1), csat: 5 })),
      ...Array.from({ length: 10 }, () => ({ touchpointId: desk, occurredAt: daysBefore(NOW, 1), csat: 1 })),
    ]);
    const loose = await newAudit(seeded.workspaceId, seeded.journeyId, { minSample: 10 });
    await (await startConsistencyAudit(env.client, { workspaceId: seeded.workspaceId, auditId: loose })).result();
    expect((await auditRow(loose)).findings.map((f) => f.rule)).toEqual(['experience-consistency']);
    const strict = await newAudit(seeded.workspaceId, seeded.journeyId, { minSample: 10, experienceThreshold: 100 });
    await (await startConsistencyAudit(env.client, { workspaceId: seeded.workspaceId, auditId: strict })).result();
    expect((await auditRow(strict)).findings.map((f) => [f.rule, f.change])).toEqual([['experience-consistency', 'RESOLVED']]);
  });

  it('fails the audit row with an actionable message when its settings are invalid', async () => {
    const seeded = await seedJourney(db, ['Purchase'], []);
    const auditId = await newAudit(seeded.workspaceId, seeded.journeyId, { minSample: -1 });
    await expect((await startConsistencyAudit(env.client, { workspaceId: seeded.workspaceId, auditId })).result()).rejects.toThrow();
    const [row] = await db.query<{ status: string; error: string }>('SELECT status, error FROM consistency_audits WHERE id = $1::uuid', [auditId]);
    expect(row?.status).toBe('FAILED');
    expect(row?.error).toMatch(/minSample/);
  });
});

describe('ROI evaluation workflow', () => {
  it('computes ROI per SPEC §2 against the equal-length baseline and stores it with the interval and KPI deltas', async () => {
    const seeded = await seedJourney(db, ['Purchase'], [{ key: 'mobile-checkin', stage: 'Purchase', channel: 'app', ownerTeam: 'digital' }]);
    const tp = seeded.touchpoints.get('mobile-checkin') ?? '';
    const start = new Date('2026-03-01T00:00:00Z');
    const end = new Date('2026-03-11T00:00:00Z');
    // Baseline [Feb 19, Mar 1): 10 × 100 = 1000; evaluation: 10 × 300 = 3000; incremental = 2000.
    await insertEvents(db, seeded.workspaceId, [
      ...Array.from({ length: 10 }, (_, i) => ({ touchpointId: tp, occurredAt: daysBefore(start, i + 0.5), kind: 'PURCHASE', value: 100 })),
      ...Array.from({ length: 10 }, (_, i) => ({ touchpointId: tp, occurredAt: daysBefore(end, i + 0.5), kind: 'PURCHASE', value: 300 })),
    ]);
    const initiativeId = (await db.query<{ id: string }>(
      `INSERT INTO initiatives (id, workspace_id, name, start_date, end_date, cost) VALUES (gen_random_uuid(), $1::uuid, 'Mobile check-in', $2, $3, 1000) RETURNING id`,
      [seeded.workspaceId, start.toISOString(), end.toISOString()],
    ))[0]?.id;
    await db.query('INSERT INTO initiative_touchpoints (workspace_id, initiative_id, touchpoint_id) VALUES ($1::uuid, $2::uuid, $3::uuid)', [seeded.workspaceId, initiativeId, tp]);
    const evaluationId = (await db.query<{ id: string }>(`INSERT INTO roi_evaluations (id, workspace_id, initiative_id) VALUES (gen_random_uuid(), $1::uuid, $2::uuid) RETURNING id`, [seeded.workspaceId, initiativeId]))[0]?.id ?? '';

    const roiHandle = await startRoiEvaluation(env.client, { workspaceId: seeded.workspaceId, evaluationId });
    const outcome = await roiHandle.result();
    await recordHistory(env.client, 'roi-evaluation', roiHandle.workflowId);
    expect(outcome.incrementalRevenue).toBeCloseTo(2000, 6);
    expect(outcome.roi).toBeCloseTo(1, 6);
    const [row] = await db.query<{ status: string; roi: number; ci_low: number; ci_high: number; kpi_deltas: object; window_from: Date }>(
      'SELECT status, roi, ci_low, ci_high, kpi_deltas, window_from FROM roi_evaluations WHERE id = $1::uuid',
      [evaluationId],
    );
    expect(row).toMatchObject({ status: 'COMPLETED', roi: outcome.roi });
    expect(row?.ci_low).toBeLessThanOrEqual(2000);
    expect(row?.ci_high).toBeGreaterThanOrEqual(2000);
    expect(row?.kpi_deltas).toEqual({ nps: null, csat: null, conversionRate: expect.any(Number) });
    expect(new Date(row?.window_from ?? 0).toISOString()).toBe(start.toISOString());
  });
});

describe('KPI watch workflow', () => {
  it('opens one alert on a breach, keeps it on a repeated breach, and resolves it on recovery', async () => {
    const seeded = await seedJourney(db, ['Stay'], [{ key: 'front-desk', stage: 'Stay', channel: 'front_desk', ownerTeam: 'ops' }]);
    const tp = seeded.touchpoints.get('front-desk') ?? '';
    await db.query(
      `INSERT INTO kpi_thresholds (id, workspace_id, touchpoint_id, metric, direction, value, window_days, min_sample) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'CSAT', 'BELOW', 70, 7, 5)`,
      [seeded.workspaceId, tp],
    );
    clock = NOW;
    await insertEvents(db, seeded.workspaceId, Array.from({ length: 5 }, () => ({ touchpointId: tp, occurredAt: daysBefore(NOW, 2), csat: 2 })));
    const watch = await startKpiWatch(env.client, { workspaceId: seeded.workspaceId });
    expect(await watch.result()).toEqual({ checked: 1, breached: 1, opened: 1, resolved: 0, deliveryIds: [] });
    await recordHistory(env.client, 'kpi-watch', watch.workflowId);
    expect(await (await startKpiWatch(env.client, { workspaceId: seeded.workspaceId })).result()).toEqual({ checked: 1, breached: 1, opened: 0, resolved: 0, deliveryIds: [] });
    const [open] = await db.query<{ status: string; value: number; sample_size: number }>('SELECT status, value, sample_size FROM alerts WHERE workspace_id = $1::uuid', [seeded.workspaceId]);
    expect(open).toEqual({ status: 'OPEN', value: 0, sample_size: 5 });

    // A week later the bad responses are out of the window and new ones are good.
    clock = new Date(NOW.getTime() + 7 * 86_400_000);
    await insertEvents(db, seeded.workspaceId, Array.from({ length: 5 }, () => ({ touchpointId: tp, occurredAt: daysBefore(clock, 1), csat: 5 })));
    expect(await (await startKpiWatch(env.client, { workspaceId: seeded.workspaceId })).result()).toEqual({ checked: 1, breached: 0, opened: 0, resolved: 1, deliveryIds: [] });
    const alerts = await db.query<{ status: string; resolved_at: Date }>('SELECT status, resolved_at FROM alerts WHERE workspace_id = $1::uuid', [seeded.workspaceId]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.status).toBe('RESOLVED');
    expect(new Date(alerts[0]?.resolved_at ?? 0).toISOString()).toBe(clock.toISOString());
    clock = NOW;
  });
});

describe('risk assessment workflow', () => {
  it('stores a ranked risk register for the journey, replacing the previous one', async () => {
    clock = NOW;
    const seeded = await seedJourney(db, ['Stay'], [
      { key: 'pool', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' },
      { key: 'spa', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' },
    ]);
    const pool = seeded.touchpoints.get('pool') ?? '';
    const spa = seeded.touchpoints.get('spa') ?? '';
    await insertEvents(db, seeded.workspaceId, [
      ...Array.from({ length: 10 }, () => ({ touchpointId: pool, occurredAt: daysBefore(NOW, 40), csat: 5 })),
      ...Array.from({ length: 10 }, (_, i) => ({ touchpointId: pool, occurredAt: daysBefore(NOW, 3), csat: 2, sentiment: -0.5, kind: i < 2 ? 'COMPLAINT' : 'SURVEY' })),
      ...Array.from({ length: 10 }, () => ({ touchpointId: spa, occurredAt: daysBefore(NOW, 3), csat: 5, sentiment: 0.8 })),
    ]);
    const riskHandle = await startRiskAssessment(env.client, { workspaceId: seeded.workspaceId, journeyId: seeded.journeyId });
    const result = await riskHandle.result();
    await recordHistory(env.client, 'risk-assessment', riskHandle.workflowId);
    expect(result).toEqual({ touchpoints: 2, top: { touchpointKey: 'pool', score: 100, level: 'CRITICAL' } });
    await (await startRiskAssessment(env.client, { workspaceId: seeded.workspaceId, journeyId: seeded.journeyId })).result();
    const rows = await db.query<{ touchpoint_id: string; score: number; components: { rank: number; complaintRate: number; kpiTrend: number } }>(
      'SELECT touchpoint_id, score, components FROM touchpoint_risks WHERE journey_id = $1::uuid ORDER BY score DESC',
      [seeded.journeyId],
    );
    expect(rows.map((r) => [r.touchpoint_id, r.score, r.components.rank])).toEqual([[pool, 100, 1], [spa, 0, 2]]);
    expect(rows[0]?.components).toMatchObject({ complaintRate: 0.2, kpiTrend: -100 });
  });
});

describe('schedules', () => {
  it('creates, updates, triggers and deletes a Temporal Schedule per target', async () => {
    const seeded = await seedJourney(db, ['Stay'], [{ key: 'bar', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' }]);
    const target = { workspaceId: seeded.workspaceId, kind: 'audit', targetId: seeded.journeyId } as const;
    expect(await upsertSchedule(env.client, { ...target, cron: '0 3 * * *' })).toBe(`audit:${seeded.workspaceId}:${seeded.journeyId}`);
    await upsertSchedule(env.client, { ...target, cron: '30 4 * * 1' });
    const described = await describeSchedule(env.client, target);
    expect(described?.cron).toBe('30 4 * * 1');
    expect(described?.nextRuns[0]?.getUTCHours()).toBe(4);

    // Trigger now: the scheduled workflow creates its own audit row and runs the audit.
    await env.client.schedule.getHandle(scheduleId(target)).trigger();
    await expect.poll(async () => (await db.query<{ status: string }>('SELECT status FROM consistency_audits WHERE journey_id = $1::uuid', [seeded.journeyId]))[0]?.status, { timeout: 30_000, interval: 250 }).toBe('COMPLETED');
    const scheduled = await env.client.schedule.getHandle(scheduleId(target)).describe();
    const action = scheduled.info.recentActions[0]?.action;
    if (action) {
      await env.client.workflow.getHandle(action.workflow.workflowId, action.workflow.firstExecutionRunId).result();
      await recordHistory(env.client, 'scheduled-audit', action.workflow.workflowId, action.workflow.firstExecutionRunId);
    }

    expect(await deleteSchedule(env.client, target)).toBe(true);
    expect(await deleteSchedule(env.client, target)).toBe(false);
    expect(await describeSchedule(env.client, target)).toBeNull();
  });

  it('re-applies the schedules the database records, and reports the ones Temporal cannot take', async () => {
    const seeded = await seedJourney(db, ['Stay'], [{ key: 'gym', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' }]);
    const schedules = scheduleRepository(db.prisma, seeded.workspaceId);
    await schedules.save({ kind: 'risk', targetId: seeded.journeyId, cron: '45 5 * * *', timeZone: 'Asia/Tokyo' });
    await schedules.save({ kind: 'audit', targetId: seeded.journeyId, cron: 'every day', timeZone: 'UTC' });
    const report = await reapplySchedules(db, env.client);
    const risk = { workspaceId: seeded.workspaceId, kind: 'risk', targetId: seeded.journeyId } as const;
    const audit = { ...risk, kind: 'audit' } as const;
    expect(report.refused).toContainEqual({ scheduleId: scheduleId(audit), reason: expect.stringContaining('not a 5-field cron') });
    const described = await describeSchedule(env.client, risk);
    expect(described).toMatchObject({ cron: '45 5 * * *', timezone: 'Asia/Tokyo' });
    // 05:45 in Tokyo is 20:45 UTC the day before.
    expect(described?.nextRuns[0]?.getUTCHours()).toBe(20);
    expect(await describeSchedule(env.client, audit)).toBeNull();
    await deleteSchedule(env.client, risk);
  });

  it("applies one workspace's schedules and runs each once now: an initiative's ROI evaluation and a journey's risk assessment", async () => {
    clock = NOW;
    const seeded = await seedJourney(db, ['Stay'], [{ key: 'kiosk', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' }]);
    const other = await seedJourney(db, ['Stay'], [{ key: 'kiosk', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' }]);
    const tp = seeded.touchpoints.get('kiosk') ?? '';
    await insertEvents(db, seeded.workspaceId, Array.from({ length: 6 }, (_, i) => ({ touchpointId: tp, occurredAt: daysBefore(NOW, i + 1), kind: 'PURCHASE', value: 50 })));
    const initiativeId = (await db.query<{ id: string }>(
      `INSERT INTO initiatives (id, workspace_id, name, start_date, cost) VALUES (gen_random_uuid(), $1::uuid, 'Self check-in kiosk', $2, 500) RETURNING id`,
      [seeded.workspaceId, daysBefore(NOW, 3).toISOString()],
    ))[0]?.id ?? '';
    await db.query('INSERT INTO initiative_touchpoints (workspace_id, initiative_id, touchpoint_id) VALUES ($1::uuid, $2::uuid, $3::uuid)', [seeded.workspaceId, initiativeId, tp]);
    await scheduleRepository(db.prisma, seeded.workspaceId).save({ kind: 'roi', targetId: initiativeId, cron: '0 7 * * 1', timeZone: 'UTC' });
    await scheduleRepository(db.prisma, seeded.workspaceId).save({ kind: 'risk', targetId: seeded.journeyId, cron: '30 6 * * *', timeZone: 'UTC' });
    await scheduleRepository(db.prisma, other.workspaceId).save({ kind: 'audit', targetId: other.journeyId, cron: '0 6 * * *', timeZone: 'UTC' });

    const report = await reapplySchedules(db, env.client, { workspaceId: seeded.workspaceId, runNow: true });
    expect(report).toEqual({ applied: 2, refused: [] });
    // The scheduled ROI workflow creates its own evaluation row; a running initiative is evaluated up to now.
    await expect.poll(async () => (await db.query<{ status: string }>('SELECT status FROM roi_evaluations WHERE initiative_id = $1::uuid', [initiativeId]))[0]?.status, { timeout: 30_000, interval: 250 }).toBe('COMPLETED');
    const [evaluation] = await db.query<{ window_to: Date; incremental_revenue: number }>('SELECT window_to, incremental_revenue FROM roi_evaluations WHERE initiative_id = $1::uuid', [initiativeId]);
    expect(new Date(evaluation?.window_to ?? 0).toISOString()).toBe(NOW.toISOString());
    // Evaluation [NOW−3d, NOW): 3 × 50; baseline [NOW−6d, NOW−3d): 3 × 50.
    expect(evaluation?.incremental_revenue).toBeCloseTo(0, 6);
    await expect.poll(async () => (await db.query('SELECT 1 FROM touchpoint_risks WHERE journey_id = $1::uuid', [seeded.journeyId])).length, { timeout: 30_000, interval: 250 }).toBe(1);
    const roiTarget = { workspaceId: seeded.workspaceId, kind: 'roi', targetId: initiativeId } as const;
    const action = (await env.client.schedule.getHandle(scheduleId(roiTarget)).describe()).info.recentActions[0]?.action;
    if (action) await recordHistory(env.client, 'scheduled-roi', action.workflow.workflowId, action.workflow.firstExecutionRunId);

    // The other workspace's schedule was neither applied nor run.
    expect(await describeSchedule(env.client, { workspaceId: other.workspaceId, kind: 'audit', targetId: other.journeyId })).toBeNull();
    expect(await db.query('SELECT 1 FROM consistency_audits WHERE journey_id = $1::uuid', [other.journeyId])).toEqual([]);
    await deleteSchedule(env.client, roiTarget);
    await deleteSchedule(env.client, { workspaceId: seeded.workspaceId, kind: 'risk', targetId: seeded.journeyId });
  });

  it.each(['roi', 'sync'] as const)('fails a scheduled %s run for good, with the reason, when its target is gone', async (kind) => {
    const seeded = await seedJourney(db, ['Stay'], [{ key: 'sauna', stage: 'Stay', channel: 'on_site', ownerTeam: 'ops' }]);
    // An initiative deleted after its schedule was set; an integration id that never existed.
    const targetId = kind === 'roi'
      ? (await db.query<{ id: string }>(
        `INSERT INTO initiatives (id, workspace_id, name, start_date, cost) VALUES (gen_random_uuid(), $1::uuid, 'Sauna refit', $2, 300) RETURNING id`,
        [seeded.workspaceId, daysBefore(NOW, 10).toISOString()],
      ))[0]?.id ?? ''
      : randomUUID();
    const target = { workspaceId: seeded.workspaceId, kind, targetId } as const;
    await upsertSchedule(env.client, { ...target, cron: '0 7 * * 1' });
    if (kind === 'roi') await db.query('DELETE FROM initiatives WHERE id = $1::uuid', [targetId]);
    const handle = env.client.schedule.getHandle(scheduleId(target));
    await handle.trigger();
    await expect.poll(async () => (await handle.describe()).info.recentActions.length, { timeout: 10_000, interval: 100 }).toBe(1);
    const action = (await handle.describe()).info.recentActions[0]!.action;
    const failure = await env.client.workflow.getHandle(action.workflow.workflowId, action.workflow.firstExecutionRunId).result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    const what = kind === 'roi' ? 'Initiative' : 'Integration';
    expect(cause).toMatchObject({ type: 'ScheduleTargetError', message: `${what} ${targetId} does not exist in workspace ${seeded.workspaceId}` });
    const table = kind === 'roi' ? 'roi_evaluations WHERE initiative_id' : 'sync_runs WHERE integration_id';
    expect(await db.query(`SELECT 1 FROM ${table} = $1::uuid`, [targetId])).toEqual([]);
    await deleteSchedule(env.client, target);
  });

  it('refuses a malformed cron expression with an example', async () => {
    await expect(upsertSchedule(env.client, { workspaceId: 'w', kind: 'risk', targetId: 'j', cron: 'hourly' })).rejects.toThrow(/5-field cron.*"0 \* \* \* \*"/);
  });
});
