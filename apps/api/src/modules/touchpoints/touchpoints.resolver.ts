import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Event, EventKind as EventKindValue, TouchpointChanges, TouchpointPlacement } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { EventKind } from '../../common/graphql/enums.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import type { Connection } from '../../common/graphql/pagination.js';
import { StageDto, TouchpointDto } from '../journeys/dtos/journey.dto.js';
import { TouchpointInput, TouchpointPatch, TouchpointPatchSchema, TouchpointSchema } from '../journeys/dtos/journey.input.js';
import { toTouchpoint } from '../journeys/journey.mapper.js';
import type { StageModel, TouchpointModel } from '../journeys/journey.mapper.js';
import type { EventDto } from './dtos/event.dto.js';
import { EventConnection } from './dtos/event.dto.js';
import { TouchpointsService } from './services/touchpoints.service.js';

function toEvent(row: Event): EventDto {
  return { ...row, id: String(row.id) };
}

function changesFrom(patch: TouchpointPatch): { changes: TouchpointChanges; placement: TouchpointPlacement } {
  const parsed = TouchpointPatchSchema.parse(patch);
  const changes: TouchpointChanges = {};
  const placement: TouchpointPlacement = {};
  if (parsed.name != null) changes.name = parsed.name;
  if (parsed.channel != null) changes.channel = parsed.channel;
  if (parsed.ownerTeam !== undefined) changes.ownerTeam = parsed.ownerTeam === '' ? null : parsed.ownerTeam;
  if (parsed.monthlyCost !== undefined) changes.monthlyCost = parsed.monthlyCost;
  if (parsed.facts != null) changes.facts = parsed.facts;
  if (parsed.stageId != null) placement.stageId = parsed.stageId;
  if (parsed.position != null) placement.position = parsed.position;
  return { changes, placement };
}

@Resolver(() => TouchpointDto)
export class TouchpointsResolver {
  constructor(@Inject(TouchpointsService) private readonly touchpointsService: TouchpointsService) {}

  @Allow(READERS)
  @Query(() => [TouchpointDto])
  async touchpoints(
    @CurrentPrincipal() principal: Principal,
    @Args('journeyId', { type: () => ID, nullable: true }) journeyId: string | null,
    @Args('channel', { type: () => String, nullable: true }) channel: string | null,
    @Args('stageId', { type: () => ID, nullable: true }) stageId: string | null,
  ): Promise<TouchpointModel[]> {
    return (await this.touchpointsService.list(principal, { journeyId, channel, stageId })).map(toTouchpoint);
  }

  @Allow(READERS)
  @Query(() => TouchpointDto, { nullable: true })
  async touchpoint(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TouchpointModel | null> {
    const row = await this.touchpointsService.find(principal, id);
    return row ? toTouchpoint(row) : null;
  }

  @Allow(READERS)
  @Query(() => EventConnection, { description: 'Events, newest first, with cursor pagination.' })
  async events(
    @CurrentPrincipal() principal: Principal,
    @Args('touchpointId', { type: () => ID, nullable: true }) touchpointId: string | null,
    @Args('kind', { type: () => EventKind, nullable: true }) kind: EventKindValue | null,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<EventDto>> {
    const page = pageArgs(first, after, 'bigint');
    const rows = await this.touchpointsService.events(principal, { touchpointId, kind, from, to }, page);
    return connection(rows, page.first, toEvent);
  }

  @Allow(WRITERS)
  @Mutation(() => TouchpointDto)
  async updateTouchpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => TouchpointPatch }) input: TouchpointPatch,
  ): Promise<TouchpointModel> {
    const { changes, placement } = changesFrom(input);
    return toTouchpoint(await this.touchpointsService.update(principal, id, changes, placement));
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, { description: 'Deletes a touchpoint that has no events and is in no initiative; refused otherwise, saying why.' })
  deleteTouchpoint(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.touchpointsService.delete(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => TouchpointDto, { description: 'Adds a touchpoint to an existing stage.' })
  async addTouchpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('stageId', { type: () => ID }) stageId: string,
    @Args('input', { type: () => TouchpointInput }) input: TouchpointInput,
  ): Promise<TouchpointModel> {
    const parsed = TouchpointSchema.parse(input);
    return toTouchpoint(await this.touchpointsService.add(principal, stageId, { ...parsed, facts: parsed.facts ?? {} }));
  }

  @ResolveField(() => StageDto)
  async stage(@CurrentPrincipal() principal: Principal, @Parent() touchpoint: TouchpointModel): Promise<StageModel> {
    return touchpoint.stage ?? this.touchpointsService.stage(principal, touchpoint.stageId);
  }
}
