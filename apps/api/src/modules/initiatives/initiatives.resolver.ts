import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { InitiativeWithTouchpoints, RoiEvaluation } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { notFound } from '../../common/errors/api-error.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import { pollProgress } from '../../common/graphql/poll-progress.js';
import { TouchpointDto } from '../journeys/dtos/journey.dto.js';
import { toTouchpoint } from '../journeys/journey.mapper.js';
import { InitiativeConnection, InitiativeDto, InitiativeInput, InitiativePatch, RoiEvaluationDto } from './dtos/initiative.dto.js';
import { InitiativesService } from './initiatives.service.js';

type InitiativeModel = Omit<InitiativeDto, 'touchpoints' | 'latestEvaluation'> & InitiativeWithTouchpoints;
const toInitiative = (row: InitiativeWithTouchpoints): InitiativeModel => row;

@Resolver(() => InitiativeDto)
export class InitiativesResolver {
  constructor(@Inject(InitiativesService) private readonly initiativesService: InitiativesService) {}

  @Allow(READERS)
  @Query(() => InitiativeConnection, { description: 'Initiatives, newest first.' })
  async initiatives(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = pageArgs(first, after, 'uuid');
    return connection(await this.initiativesService.list(principal, page), page.first, toInitiative);
  }

  @Allow(READERS)
  @Query(() => InitiativeDto, { nullable: true })
  initiative(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<InitiativeModel | null> {
    return this.initiativesService.find(principal, id);
  }

  @Allow(READERS)
  @Query(() => RoiEvaluationDto, { nullable: true })
  roiEvaluation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<RoiEvaluation | null> {
    return this.initiativesService.evaluation(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => InitiativeDto)
  createInitiative(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => InitiativeInput }) input: InitiativeInput): Promise<InitiativeModel> {
    return this.initiativesService.create(principal, input);
  }

  @Allow(WRITERS)
  @Mutation(() => InitiativeDto, { description: 'Changes an initiative; the result is validated as a whole, as createInitiative validates.' })
  updateInitiative(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => InitiativePatch }) input: InitiativePatch,
  ): Promise<InitiativeModel> {
    return this.initiativesService.update(principal, id, input);
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, { description: 'Deletes an initiative with its ROI evaluations and ROI schedule; refused while an evaluation of it is queued or running.' })
  deleteInitiative(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.initiativesService.delete(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => RoiEvaluationDto)
  startRoiEvaluation(@CurrentPrincipal() principal: Principal, @Args('initiativeId', { type: () => ID }) initiativeId: string): Promise<RoiEvaluation> {
    return this.initiativesService.startEvaluation(principal, initiativeId);
  }

  @Allow(READERS)
  @Subscription(() => RoiEvaluationDto, { description: 'The evaluation each time it changes, until it finishes (server-sent events).', resolve: (row: RoiEvaluation) => row })
  async roiEvaluationProgress(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string) {
    if (!(await this.initiativesService.evaluation(principal, id))) throw notFound('ROI evaluation', id);
    return pollProgress(() => this.initiativesService.evaluation(principal, id));
  }

  @ResolveField(() => [TouchpointDto])
  async touchpoints(@CurrentPrincipal() principal: Principal, @Parent() initiative: InitiativeModel) {
    return (await this.initiativesService.touchpoints(principal, initiative.touchpoints.map((t) => t.touchpointId))).map(toTouchpoint);
  }

  @ResolveField(() => RoiEvaluationDto, { nullable: true })
  async latestEvaluation(@CurrentPrincipal() principal: Principal, @Parent() initiative: InitiativeModel): Promise<RoiEvaluation | null> {
    return (await this.initiativesService.latestEvaluations(principal, [initiative.id])).get(initiative.id) ?? null;
  }
}
