import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { ConsistencyAudit } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { notFound } from '../../common/errors/api-error.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import { pollProgress } from '../../common/graphql/poll-progress.js';
import { JourneyDto } from '../journeys/dtos/journey.dto.js';
import { toTouchpoint } from '../journeys/journey.mapper.js';
import { AuditsService } from './audits.service.js';
import { ConsistencyAuditConnection, ConsistencyAuditDto, FindingDto } from './dtos/audit.dto.js';

type AuditModel = Omit<ConsistencyAuditDto, 'journey' | 'findings'>;

const toAudit = (row: ConsistencyAudit): AuditModel => row;

@Resolver(() => ConsistencyAuditDto)
export class AuditsResolver {
  constructor(@Inject(AuditsService) private readonly auditsService: AuditsService) {}

  @Allow(READERS)
  @Query(() => ConsistencyAuditDto, { nullable: true })
  audit(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<AuditModel | null> {
    return this.auditsService.find(principal, id);
  }

  @Allow(READERS)
  @Query(() => ConsistencyAuditConnection, { description: 'Audits, newest first.' })
  async audits(
    @CurrentPrincipal() principal: Principal,
    @Args('journeyId', { type: () => ID, nullable: true }) journeyId: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = pageArgs(first, after, 'uuid');
    return connection(await this.auditsService.list(principal, page, journeyId), page.first, toAudit);
  }

  @Allow(WRITERS)
  @Mutation(() => ConsistencyAuditDto)
  startConsistencyAudit(@CurrentPrincipal() principal: Principal, @Args('journeyId', { type: () => ID }) journeyId: string): Promise<AuditModel> {
    return this.auditsService.start(principal, journeyId);
  }

  @Allow(READERS)
  @Subscription(() => ConsistencyAuditDto, { description: 'The audit each time it changes, until it finishes (server-sent events).', resolve: (row: AuditModel) => row })
  async auditProgress(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string) {
    if (!(await this.auditsService.find(principal, id))) throw notFound('consistency audit', id);
    return pollProgress(() => this.auditsService.find(principal, id));
  }

  @ResolveField(() => JourneyDto)
  journey(@CurrentPrincipal() principal: Principal, @Parent() audit: AuditModel) {
    return this.auditsService.journey(principal, audit.journeyId);
  }

  @ResolveField(() => [FindingDto])
  async findings(@CurrentPrincipal() principal: Principal, @Parent() audit: AuditModel): Promise<FindingDto[]> {
    const findings = await this.auditsService.findings(principal, audit.id);
    const touchpoints = new Map((await this.auditsService.touchpoints(principal, [...new Set(findings.flatMap((f) => f.touchpointIds))])).map((t) => [t.id, toTouchpoint(t)]));
    return findings.map((finding) => ({
      id: finding.id,
      rule: finding.rule,
      severity: finding.severity,
      change: finding.change,
      evidence: finding.evidence,
      touchpoints: finding.touchpointIds.flatMap((tid) => touchpoints.get(tid) ?? []),
    }));
  }
}
