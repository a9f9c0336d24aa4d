import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDb, migrate } from '@waymark/db';
import type { Db } from '@waymark/db';
import { pullPages } from '@waymark/plugin-host';
import { databaseUrl, dropDatabase, recreateDatabase } from '../harness/postgres.js';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';
import { infoMetric } from '../harness/measure.js';
import { copyBaseline } from '../ingest/copy-baseline.js';
import { runFileImport, writeCsvExport } from '../ingest/file-import-run.js';
import { sampleMemory } from '../ingest/memory-sampler.js';
import { openDbSink } from '../ingest/pipeline.js';
import { createIngestFixture } from '../ingest/setup.js';
import type { IngestFixture } from '../ingest/setup.js';
import { syntheticPlugin } from '../ingest/synthetic-source.js';

export interface IngestBenchOptions {
  database: string;
  /** Events through the pipeline and the COPY baseline. */
  events: number;
  pageSize: number;
  /** Rows of the generated CSV export for the file-import figures. */
  fileRows: number;
  /** Keep the database afterwards (for inspection). */
  keep: boolean;
}

export function ingestOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): IngestBenchOptions {
  return {
    database: env['WAYMARK_BENCH_INGEST_DATABASE'] ?? 'waymark_bench_ingest',
    events: Number(env['WAYMARK_BENCH_INGEST_EVENTS'] ?? 1_000_000),
    pageSize: Number(env['WAYMARK_BENCH_INGEST_PAGE_SIZE'] ?? 5000),
    fileRows: Number(env['WAYMARK_BENCH_INGEST_FILE_ROWS'] ?? 500_000),
    keep: env['WAYMARK_BENCH_INGEST_KEEP'] === '1',
  };
}

const MB = 1024 * 1024;
const MIN_COPY_RATIO = 0.5;
const FLAT_SLACK_MB = 32;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface PipelineRun {
  ms: number;
  rssGrowthAtQuarter: number;
  rssGrowthAtEnd: number;
  rejected: number;
}

// Synthetic plugin → plugin host (validation) → the data layer's ingestion (stitching, idempotent
// upsert, rejected rows), page by page as the sync workflow does it.
async function runPipeline(db: Db, fixture: IngestFixture, options: IngestBenchOptions): Promise<PipelineRun> {
  const sink = openDbSink(db, fixture.workspaceId, 'bench-pipeline');
  const base = process.memoryUsage.rss();
  const memory = sampleMemory();
  const start = performance.now();
  let done = 0;
  let rejected = 0;
  let rssGrowthAtQuarter = 0;
  try {
    const config = { total: options.events, pageSize: options.pageSize };
    for await (const page of pullPages({ plugin: syntheticPlugin, config, secrets: {}, stream: 'events', cursor: null })) {
      await sink.write(page);
      rejected += page.rejected.length;
      const before = done;
      done += page.events.length;
      if (before < options.events / 4 && done >= options.events / 4) rssGrowthAtQuarter = memory.peak() - base;
    }
    const ms = performance.now() - start;
    const stored = await sink.count();
    if (stored !== options.events) throw new Error(`pipeline stored ${stored} events, expected ${options.events}`);
    return { ms, rssGrowthAtQuarter, rssGrowthAtEnd: memory.stop() - base, rejected };
  } finally {
    memory.stop();
  }
}

function flatMemoryMetric(metric: string, atEnd: number, atQuarter: number): BenchMetric {
  const value = round(atEnd / MB, 1);
  const baseline = round(atQuarter / MB, 1);
  return {
    metric,
    value,
    unit: 'MB',
    baseline,
    ratio: baseline > 0 ? round(value / baseline) : null,
    target: `≤ growth at 25% of the input + ${FLAT_SLACK_MB} MB (flat)`,
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
      flatMemoryMetric(`file-import RSS growth (${round(run.bytes / MB, 0)} MB file)`, run.rssGrowthAtEnd, run.rssGrowthAtQuarter),
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
    context.log(`ingest: raw COPY of ${options.events} rows (baseline)`);
    const copyMs = await copyBaseline(url, fixture, options.events);
    context.log(`ingest: ${options.events} events through the pipeline`);
    const pipeline = await runPipeline(db, fixture, options);
    const perSecond = (ms: number) => (options.events / ms) * 1000;
    const pipelineRate = round(perSecond(pipeline.ms), 0);
    const copyRate = round(perSecond(copyMs), 0);
    const ratio = round(pipelineRate / copyRate);
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
      infoMetric('pipeline rejected events', pipeline.rejected, 'events'),
      infoMetric('pipeline peak RSS growth', pipeline.rssGrowthAtEnd / MB, 'MB'),
      flatMemoryMetric('pipeline RSS growth, whole input vs first 25%', pipeline.rssGrowthAtEnd, pipeline.rssGrowthAtQuarter),
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
