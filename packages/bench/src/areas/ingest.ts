import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDb, migrate, pendingKpiEvents } from '@waymark/db';
import type { Db } from '@waymark/db';
import { databaseUrl, dropDatabase, recreateDatabase } from '../harness/postgres.js';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';
import { infoMetric } from '../harness/measure.js';
import { openCopyBaseline } from '../ingest/copy-baseline.js';
import { runFileImport, writeCsvExport } from '../ingest/file-import-run.js';
import { retainedHeapBytes, sampleMemory } from '../ingest/memory-sampler.js';
import type { MemorySampler } from '../ingest/memory-sampler.js';
import { openSyncDriver } from '../ingest/pipeline.js';
import type { SyncDriver } from '../ingest/pipeline.js';
import { createIngestFixture } from '../ingest/setup.js';
import type { IngestFixture } from '../ingest/setup.js';

export interface IngestBenchOptions {
  database: string;
  /** Events through the pipeline and the COPY baseline. */
  events: number;
  pageSize: number;
  /** Rows of the generated CSV export for the file-import figures. */
  fileRows: number;
  /** Keep the database afterwards (for inspection). */
  keep: boolean;
  /** The COPY baseline and the pipeline alternate in this many rounds, so load drift hits both. */
  rounds: number;
}

export function ingestOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): IngestBenchOptions {
  return {
    database: env['WAYMARK_BENCH_INGEST_DATABASE'] ?? 'waymark_bench_ingest',
    events: Number(env['WAYMARK_BENCH_INGEST_EVENTS'] ?? 1_000_000),
    pageSize: Number(env['WAYMARK_BENCH_INGEST_PAGE_SIZE'] ?? 5000),
    fileRows: Number(env['WAYMARK_BENCH_INGEST_FILE_ROWS'] ?? 500_000),
    keep: env['WAYMARK_BENCH_INGEST_KEEP'] === '1',
    rounds: Number(env['WAYMARK_BENCH_INGEST_ROUNDS'] ?? 4),
  };
}

const MB = 1024 * 1024;
const MIN_COPY_RATIO = 0.5;
const FLAT_SLACK_MB = 32;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface PipelineRun {
  ms: number;
  // Of ms: inside the sync's ingestion step (validation → stitching → COPY → commit), and its pages.
  ingestionMs: number;
  pages: number;
  rssGrowthAtHalf: number;
  rssGrowthAtEnd: number;
  // Heap kept after a full GC, minus the same before the run: what the pipeline holds on to.
  retainedAtQuarter: number;
  retainedAtEnd: number;
  rejected: number;
}

// Memory checkpoints while the input streams through: the first page past 25% and past 50%.
interface Checkpoints {
  retainedAtQuarter: number;
  rssGrowthAtHalf: number;
}

function checkpoint(marks: Checkpoints, before: number, done: number, total: number, base: { rss: number; heap: number }, peak: () => number): void {
  if (before < total / 4 && done >= total / 4) marks.retainedAtQuarter = retainedHeapBytes() - base.heap;
  if (before < total / 2 && done >= total / 2) marks.rssGrowthAtHalf = peak() - base.rss;
}

interface RoundsState {
  sync: SyncDriver;
  base: { rss: number; heap: number };
  memory: MemorySampler;
  marks: Checkpoints;
  done: number;
  rejected: number;
  pipelineMs: number;
  copyMs: number;
  deployedMs: number;
}

// Synthetic plugin → plugin host (validation) → the data layer's ingestion (stitching, idempotent
// upsert, rejected rows) → cursor commit, through the sync workflow's activity, for events
// [from, to). Rounds run in order from 0, so each continues from the cursor the previous committed.
async function pipelineRound(state: RoundsState, options: IngestBenchOptions, from: number, to: number): Promise<void> {
  const start = performance.now();
  const totals = await state.sync.sync(Math.ceil((to - from) / options.pageSize));
  state.pipelineMs += performance.now() - start;
  const before = state.done;
  state.done = totals.events + totals.duplicates + totals.rejected;
  state.rejected = totals.rejected;
  checkpoint(state.marks, before, state.done, options.events, state.base, state.memory.peak);
}

// Round boundaries on page boundaries, so no page straddles two rounds.
function roundEdges(options: IngestBenchOptions): number[] {
  const rounds = Math.max(1, Math.floor(options.rounds));
  return Array.from({ length: rounds + 1 }, (_, r) => Math.min(options.events, Math.ceil((r * options.events) / rounds / options.pageSize) * options.pageSize));
}

async function runRounds(db: Db, url: string, fixture: IngestFixture, options: IngestBenchOptions, context: BenchContext): Promise<PipelineRun & { copyMs: number; deployedMs: number }> {
  const copy = await openCopyBaseline(url, fixture, options.events);
  const deployed = await openCopyBaseline(url, await createIngestFixture(url), options.events, 'deployed');
  const base = { heap: retainedHeapBytes(), rss: process.memoryUsage.rss() };
  const sync = await openSyncDriver(db, fixture.workspaceId, { total: options.events, pageSize: options.pageSize });
  const state: RoundsState = { sync, base, memory: sampleMemory(), marks: { retainedAtQuarter: 0, rssGrowthAtHalf: 0 }, done: 0, rejected: 0, pipelineMs: 0, copyMs: 0, deployedMs: 0 };
  try {
    const edges = roundEdges(options);
    for (let r = 0; r + 1 < edges.length; r += 1) {
      const [from = 0, to = 0] = [edges[r], edges[r + 1]];
      context.log(`ingest: round ${r + 1}/${edges.length - 1}: raw COPYs then pipeline of events ${from}–${to}`);
      state.copyMs += await copy.copy(from, to);
      state.deployedMs += await deployed.copy(from, to);
      await pipelineRound(state, options, from, to);
    }
    const rssGrowthAtEnd = state.memory.stop() - base.rss;
    const retainedAtEnd = retainedHeapBytes() - base.heap;
    await copy.close(options.events);
    await deployed.close(options.events);
    const stored = await state.sync.count();
    if (stored !== options.events) throw new Error(`pipeline stored ${stored} events, expected ${options.events}`);
    // Each syncPage call returns with the KPI pre-aggregates caught up: the time above includes them.
    const pending = await pendingKpiEvents(db, fixture.workspaceId);
    if (pending !== 0) throw new Error(`the sync left ${pending} events out of the KPI pre-aggregates`);
    const ingestion = state.sync.ingestion();
    return {
      ms: state.pipelineMs,
      ingestionMs: ingestion.ms,
      pages: ingestion.pages,
      copyMs: state.copyMs,
      deployedMs: state.deployedMs,
      ...state.marks,
      rssGrowthAtEnd,
      retainedAtEnd,
      rejected: state.rejected,
    };
  } finally {
    state.memory.stop();
  }
}

function flatMemoryMetric(metric: string, atEnd: number, earlier: number, earlierName: string): BenchMetric {
  const value = round(atEnd / MB, 1);
  const baseline = round(earlier / MB, 1);
  return {
    metric,
    value,
    unit: 'MB',
    baseline,
    ratio: baseline > 0 ? round(value / baseline) : null,
    target: `≤ growth at ${earlierName} of the input + ${FLAT_SLACK_MB} MB (flat)`,
    met: value <= baseline + FLAT_SLACK_MB,
  };
}

async function fileImportMetrics(context: BenchContext, rows: number): Promise<BenchMetric[]> {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-bench-ingest-'));
  try {
    const path = join(dir, 'export.csv');
    context.log(`ingest: writing a ${rows}-row CSV export`);
    await writeCsvExport(path, rows);
    context.log('ingest: file-import plugin through the host');
    const run = await runFileImport(path, rows);
    return [
      infoMetric('file-import CSV parse + map + validate', (run.rows / run.ms) * 1000, 'rows/s'),
      infoMetric('file-import CSV read rate', run.bytes / MB / (run.ms / 1000), 'MB/s'),
      flatMemoryMetric(`file-import RSS growth (${round(run.bytes / MB, 0)} MB file)`, run.rssGrowthAtEnd, run.rssGrowthAtQuarter, '25%'),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runIngestBench(context: BenchContext, options: IngestBenchOptions): Promise<BenchMetric[]> {
  const url = databaseUrl(context.adminUrl, options.database);
  await recreateDatabase(context.adminUrl, options.database);
  const db = await createPostgresDb(url, 2);
  try {
    await migrate(db);
    const fixture = await createIngestFixture(url);
    context.log(`ingest: ${options.events} events, raw COPY (baseline) and the pipeline alternating in ${options.rounds} rounds`);
    const pipeline = await runRounds(db, url, fixture, options, context);
    const copyMs = pipeline.copyMs;
    const perSecond = (ms: number) => (options.events / ms) * 1000;
    const pipelineRate = round(perSecond(pipeline.ms), 0);
    const copyRate = round(perSecond(copyMs), 0);
    const ratio = round(pipelineRate / copyRate);
    const deployedRate = round(perSecond(pipeline.deployedMs), 0);
    return [
      infoMetric('events', options.events, 'events'),
      {
        metric: 'pipeline throughput (plugin → host → ingest into PostgreSQL)',
        value: pipelineRate,
        unit: 'events/s',
        baseline: copyRate,
        ratio,
        target: `≥ ${MIN_COPY_RATIO}× raw COPY throughput`,
        met: ratio >= MIN_COPY_RATIO,
      },
      {
        metric: 'pipeline vs raw COPY into events as deployed (its foreign keys and KPI triggers)',
        value: pipelineRate,
        unit: 'events/s',
        baseline: deployedRate,
        ratio: round(pipelineRate / deployedRate),
        target: null,
        met: null,
      },
      // Where a page's time goes: the ingestion step is serial, page after page; the rest (pulling,
      // cursor commit, waiting for the previous page's KPI fold) shows what else holds a page up.
      infoMetric('pipeline ms per page in ingestion (validation, stitching, COPY, commit)', pipeline.ingestionMs / pipeline.pages, 'ms'),
      infoMetric('pipeline ms per page outside ingestion (pull, cursor commit, fold wait)', (pipeline.ms - pipeline.ingestionMs) / pipeline.pages, 'ms'),
      infoMetric('raw COPY ms per page', copyMs / pipeline.pages, 'ms'),
      infoMetric('pipeline rejected events', pipeline.rejected, 'events'),
      infoMetric('pipeline peak RSS growth', pipeline.rssGrowthAtEnd / MB, 'MB'),
      // RSS reaches V8's steady heap size only after a while: compare the whole run with its first half.
      flatMemoryMetric('pipeline RSS growth, whole input vs first half', pipeline.rssGrowthAtEnd, pipeline.rssGrowthAtHalf, '50%'),
      flatMemoryMetric('pipeline retained heap after GC, whole input vs first 25%', pipeline.retainedAtEnd, pipeline.retainedAtQuarter, '25%'),
      ...(await fileImportMetrics(context, options.fileRows)),
    ];
  } finally {
    await db.close();
    if (!options.keep) await dropDatabase(context.adminUrl, options.database);
  }
}

export const ingestArea: BenchArea = {
  name: 'ingest',
  description: 'events/s and memory through plugin → host → ingestion into PostgreSQL, beside a raw COPY of the same rows',
  run: (context) => runIngestBench(context, ingestOptionsFromEnv()),
};
