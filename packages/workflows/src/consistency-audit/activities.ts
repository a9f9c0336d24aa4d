import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db, SqlRunner } from '@waymark/db';
import { computeKpi } from '@waymark/db';
import type { AuditFinding, AuditInput, ChannelScore, DiffedFinding } from '@waymark/domain';
import { DAY_MS, diffFindings, parseAuditSettings, runConsistencyRules } from '@waymark/domain';
import type { FinalStatus } from '../run-status.js';
import type { AuditSummary, ConsistencyAuditInput } from './types.js';

export interface ConsistencyAuditDeps {
  db: Db;
  now?: () => Date;
}

interface AuditRow {
  journey_id: string;
  settings: unknown;
  created_at: Date;
}

export function createConsistencyAuditActivities(deps: ConsistencyAuditDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function audit(input: ConsistencyAuditInput): Promise<AuditRow> {
    const rows = await db.query<AuditRow>('SELECT journey_id, settings, created_at FROM consistency_audits WHERE id = $1::uuid AND workspace_id = $2::uuid', [input.auditId, input.workspaceId]);
    const row = rows[0];
    if (!row) throw ApplicationFailure.nonRetryable(`Audit ${input.auditId} does not exist in workspace ${input.workspaceId}`, 'AuditSetupError');
    return row;
  }

  return {
    async beginAudit(input: ConsistencyAuditInput): Promise<void> {
      await audit(input);
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? null;
      await db.query(`UPDATE consistency_audits SET status = 'RUNNING', workflow_id = $3 WHERE id = $1::uuid AND workspace_id = $2::uuid`, [input.auditId, input.workspaceId, workflowId]);
    },

    async evaluateAudit(input: ConsistencyAuditInput): Promise<AuditSummary> {
      const row = await audit(input);
      const settings = parseAuditSettings(row.settings);
      const at = now();
      const ctx = Context.current();
      const auditInput = await loadAuditInput(db, input.workspaceId, row.journey_id, at, settings, () => ctx.heartbeat());
      const previous = await previousAudit(db, input, row);
      const diffed = diffFindings(runConsistencyRules(auditInput), previous.findings);
      await storeFindings(db, input, diffed, previous.id);
      return summarise(diffed, previous.id);
    },

    async finishAudit(input: ConsistencyAuditInput & { status: FinalStatus; error?: string }): Promise<void> {
      await db.query(
        `UPDATE consistency_audits SET status = $3::"RunStatus", error = $4, completed_at = COALESCE(completed_at, now()) WHERE id = $1::uuid AND workspace_id = $2::uuid`,
        [input.auditId, input.workspaceId, input.status, input.error ?? null],
      );
    },
  };
}

// `beat` is called per stage × channel so a dead worker is noticed within the heartbeat timeout.
async function loadAuditInput(db: Db, workspaceId: string, journeyId: string, at: Date, settings: AuditInput['settings'], beat: () => void): Promise<AuditInput> {
  const stages = await db.query<{ id: string; name: string; position: number }>(
    'SELECT id, name, position FROM stages WHERE workspace_id = $1::uuid AND journey_id = $2::uuid ORDER BY position',
    [workspaceId, journeyId],
  );
  if (stages.length === 0) {
    const journeys = await db.query('SELECT id FROM journeys WHERE id = $1::uuid AND workspace_id = $2::uuid', [journeyId, workspaceId]);
    if (journeys.length === 0) throw ApplicationFailure.nonRetryable(`Journey ${journeyId} no longer exists`, 'AuditSetupError');
  }
  const touchpoints = await db.query<{ id: string; key: string; stage_id: string; channel: string; owner_team: string | null; facts: Record<string, unknown> | null; last_event_at: Date | null }>(
    `SELECT t.id, t.key, t.stage_id, t.channel, t.owner_team, t.facts,
       (SELECT max(e.occurred_at) FROM events e WHERE e.workspace_id = t.workspace_id AND e.touchpoint_id = t.id AND e.occurred_at <= $3::timestamptz) AS last_event_at
     FROM touchpoints t JOIN stages s ON s.id = t.stage_id
     WHERE t.workspace_id = $1::uuid AND s.journey_id = $2::uuid ORDER BY t.key`,
    [workspaceId, journeyId, at.toISOString()],
  );
  const window = { from: new Date(at.getTime() - settings.windowDays * DAY_MS), to: at };
  const channelScores: ChannelScore[] = [];
  const pairs = new Map(touchpoints.map((tp) => [`${tp.stage_id}|${tp.channel}`, { stageId: tp.stage_id, channel: tp.channel }]));
  for (const { stageId, channel } of pairs.values()) {
    beat();
    for (const metric of ['CSAT', 'NPS'] as const) {
      const kpi = await computeKpi(db, workspaceId, { metric, scope: { stageId, channel }, window });
      channelScores.push({ stageId, channel, metric, value: kpi.value, sampleSize: kpi.sampleSize });
    }
  }
  return {
    stages,
    touchpoints: touchpoints.map((tp) => ({
      id: tp.id,
      key: tp.key,
      stageId: tp.stage_id,
      channel: tp.channel,
      ownerTeam: tp.owner_team,
      facts: tp.facts ?? {},
      lastEventAt: tp.last_event_at === null ? null : new Date(tp.last_event_at),
    })),
    channelScores,
    now: at,
    settings,
  };
}

interface FindingRow {
  rule: AuditFinding['rule'];
  severity: AuditFinding['severity'];
  fingerprint: string;
  touchpoint_ids: string[];
  evidence: Record<string, unknown>;
  change: DiffedFinding['change'];
}

// The latest completed audit of the same journey before this one.
async function previousAudit(db: Db, input: ConsistencyAuditInput, row: AuditRow): Promise<{ id: string | null; findings: DiffedFinding[] }> {
  const audits = await db.query<{ id: string }>(
    `SELECT id FROM consistency_audits WHERE workspace_id = $1::uuid AND journey_id = $2::uuid AND status = 'COMPLETED' AND id <> $3::uuid AND created_at <= $4::timestamptz
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [input.workspaceId, row.journey_id, input.auditId, new Date(row.created_at).toISOString()],
  );
  const id = audits[0]?.id ?? null;
  if (id === null) return { id, findings: [] };
  const findings = await db.query<FindingRow>(
    'SELECT rule, severity, fingerprint, touchpoint_ids, evidence, change FROM findings WHERE workspace_id = $1::uuid AND audit_id = $2::uuid ORDER BY created_at, id',
    [input.workspaceId, id],
  );
  return {
    id,
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, fingerprint: f.fingerprint, touchpointIds: f.touchpoint_ids, evidence: f.evidence, change: f.change })),
  };
}

async function storeFindings(db: Db, input: ConsistencyAuditInput, findings: readonly DiffedFinding[], previousId: string | null): Promise<void> {
  await db.transaction(async (tx: SqlRunner) => {
    await tx.query('DELETE FROM findings WHERE workspace_id = $1::uuid AND audit_id = $2::uuid', [input.workspaceId, input.auditId]);
    for (const f of findings) {
      await tx.query(
        `INSERT INTO findings (id, workspace_id, audit_id, rule, severity, fingerprint, touchpoint_ids, evidence, change)
         VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4::"Severity", $5, $6::uuid[], $7::jsonb, $8::"FindingChange")`,
        [input.workspaceId, input.auditId, f.rule, f.severity, f.fingerprint, f.touchpointIds, JSON.stringify(f.evidence), f.change],
      );
    }
    await tx.query('UPDATE consistency_audits SET previous_audit_id = $3::uuid WHERE id = $1::uuid AND workspace_id = $2::uuid', [input.auditId, input.workspaceId, previousId]);
  });
}

function summarise(findings: readonly DiffedFinding[], previousAuditId: string | null): AuditSummary {
  const count = (change: DiffedFinding['change']) => findings.filter((f) => f.change === change).length;
  return { findings: findings.length, new: count('NEW'), persisting: count('PERSISTING'), resolved: count('RESOLVED'), previousAuditId };
}

export type ConsistencyAuditActivities = ReturnType<typeof createConsistencyAuditActivities>;
