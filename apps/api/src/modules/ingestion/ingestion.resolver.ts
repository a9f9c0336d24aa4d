import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ingestEvents, rejectedEventRepository } from '@waymark/db';
import type { Db, RejectedEvent } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { INTEGRATION_READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { badInput } from '../../common/errors/api-error.js';
import { isUuid } from '../../common/graphql/ids.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import type { ApiMetrics } from '../../common/observability/metrics.js';
import { DB, METRICS } from '../../common/tokens.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { RejectedEventDto } from './dtos/ingest.dto.js';
import { EventInput, IngestResultDto, RejectedEventConnection } from './dtos/ingest.dto.js';

export const MAX_BATCH = 10_000;

function toRejected(row: RejectedEvent): RejectedEventDto & { id: bigint } {
  return { id: row.id, index: row.rowIndex, externalId: row.externalId, reason: row.reason, source: row.source, createdAt: row.createdAt };
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
}
