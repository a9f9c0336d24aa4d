import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MAX_RETRY_ROWS, encodeIdCursor, ingestEvents, rejectedEventRepository, retryRejectedEvents, syncRunRepository } from '@waymark/db';
import type { Db, RejectedEvent, RetryFilter, RetryResult } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { INTEGRATION_READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { badInput, notFound } from '../../common/errors/api-error.js';
import { isUuid } from '../../common/graphql/ids.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import type { ApiMetrics } from '../../common/observability/metrics.js';
import { DB, METRICS } from '../../common/tokens.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { RejectedEventDto } from './dtos/ingest.dto.js';
import { EventInput, IngestResultDto, RejectedEventConnection, RejectedRetryDto } from './dtos/ingest.dto.js';

export const MAX_BATCH = 10_000;

function toRejected(row: RejectedEvent): RejectedEventDto {
  return {
    id: String(row.id), index: row.rowIndex, externalId: row.externalId, reason: row.reason, source: row.source, createdAt: row.createdAt,
    retries: row.retries, retriedAt: row.retriedAt,
  };
}

const ROW_ID = /^\d{1,19}$/;

function retryIds(ids: string[] | null | undefined): bigint[] | null {
  if (ids == null) return null;
  if (ids.length === 0) throw badInput('ids is empty; leave it out to retry every row of the filter.');
  if (ids.length > MAX_RETRY_ROWS) throw badInput(`At most ${MAX_RETRY_ROWS} ids per call, got ${ids.length}.`);
  const wrong = ids.find((id) => !ROW_ID.test(id));
  if (wrong !== undefined) throw badInput(`ids: "${wrong}" is not the id of a kept row; use the ids rejectedEvents returns.`);
  return ids.map(BigInt);
}

function retryAfter(after: string | null | undefined): bigint | null {
  if (!after) return null;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  if (!ROW_ID.test(text)) throw badInput('after is not a cursor retryRejectedEvents returned; pass its endCursor.');
  return BigInt(text);
}

function toRetry(result: RetryResult): RejectedRetryDto {
  return {
    retried: result.retried,
    accepted: result.accepted,
    duplicates: result.duplicates,
    stillRejected: result.stillRejected.map((r) => ({ id: String(r.id), index: r.index, externalId: r.externalId, reason: r.reason })),
    remaining: result.remaining,
    endCursor: result.lastId === null ? null : encodeIdCursor(result.lastId),
  };
}

@Resolver()
export class IngestionResolver {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(METRICS) private readonly metrics: ApiMetrics,
  ) {}

  @Allow(WRITERS)
  @Mutation(() => IngestResultDto, { description: 'Idempotent on (source, externalId); bad rows are reported by index, the rest are kept.' })
  async ingestEvents(
    @CurrentPrincipal() principal: Principal,
    @Args('events', { type: () => [EventInput] }) events: EventInput[],
  ): Promise<IngestResultDto> {
    if (events.length > MAX_BATCH) throw badInput(`A batch holds at most ${MAX_BATCH} events, got ${events.length}; split it into smaller batches.`);
    const result = await ingestEvents(this.db, principal.workspaceId, events);
    this.metrics.countIngested('api', '', { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length });
    await this.auditLog.record(principal, 'events.ingest', 'Event', null, { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length });
    return result;
  }

  @Allow(INTEGRATION_READERS)
  @Query(() => RejectedEventConnection, { description: 'Rows ingestion refused, newest first.' })
  async rejectedEvents(
    @CurrentPrincipal() principal: Principal,
    @Args('syncRunId', { type: () => ID, nullable: true }) syncRunId: string | null,
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<RejectedEventConnection> {
    if (syncRunId && !isUuid(syncRunId)) throw badInput(`syncRunId "${syncRunId}" is not a sync run id.`);
    const page = pageArgs(first, after, 'bigint');
    const repo = rejectedEventRepository(this.db.prisma, principal.workspaceId);
    const filter = { syncRunId, source };
    const [rows, totalCount] = await Promise.all([repo.list(filter, page.first, page.after), repo.count(filter)]);
    return { ...connection(rows, page.first, toRejected), totalCount };
  }

  @Allow(WRITERS)
  @Mutation(() => RejectedRetryDto, {
    description: `Runs kept rows through ingestion again, once what refused them is fixed (a touchpoint added, say): the filter's rows (all when none is given) in id order, at most ${MAX_RETRY_ROWS} per call.`,
  })
  async retryRejectedEvents(
    @CurrentPrincipal() principal: Principal,
    @Args('syncRunId', { type: () => ID, nullable: true }) syncRunId: string | null,
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('ids', { type: () => [ID], nullable: true }) ids: string[] | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<RejectedRetryDto> {
    const filter: RetryFilter = { syncRunId: syncRunId ?? null, source: source ?? null, ids: retryIds(ids), after: retryAfter(after) };
    if (syncRunId && !(isUuid(syncRunId) && (await syncRunRepository(this.db.prisma, principal.workspaceId).find(syncRunId)))) throw notFound('sync run', syncRunId);
    const result = await retryRejectedEvents(this.db, principal.workspaceId, filter);
    this.metrics.countIngested('retry', '', { accepted: result.accepted, duplicates: result.duplicates, rejected: 0 });
    await this.auditLog.record(principal, 'events.retry-rejected', 'Event', null, {
      syncRunId, source, retried: result.retried, accepted: result.accepted, duplicates: result.duplicates, stillRejected: result.stillRejected.length,
    });
    return toRetry(result);
  }
}
