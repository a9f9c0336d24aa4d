import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Stage, StageWithTouchpoints, Touchpoint } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { JourneyDto, StageDto, TouchpointDto } from './dtos/journey.dto.js';
import { JourneyInput, JourneyPatch, JourneyPatchSchema, JourneySchema } from './dtos/journey.input.js';
import { JourneysService } from './services/journeys.service.js';
import { toStage, toTouchpoint } from './journey.mapper.js';
import type { JourneyModel, StageModel } from './journey.mapper.js';

@Resolver(() => JourneyDto)
export class JourneysResolver {
  constructor(@Inject(JourneysService) private readonly journeysService: JourneysService) {}

  @Allow(READERS)
  @Query(() => [JourneyDto])
  journeys(@CurrentPrincipal() principal: Principal): Promise<JourneyModel[]> {
    return this.journeysService.list(principal);
  }

  @Allow(READERS)
  @Query(() => JourneyDto, { nullable: true })
  journey(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<JourneyModel | null> {
    return this.journeysService.find(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => JourneyDto, { description: 'Nested stages with touchpoints, created in one transaction.' })
  createJourney(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => JourneyInput }) input: JourneyInput): Promise<JourneyModel> {
    return this.journeysService.create(principal, JourneySchema.parse(input));
  }

  @Allow(WRITERS)
  @Mutation(() => JourneyDto, { description: 'Renames a journey and/or rewrites its stages: rename, add, reorder, remove empty ones.' })
  updateJourney(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => JourneyPatch }) input: JourneyPatch,
  ): Promise<JourneyModel> {
    return this.journeysService.update(principal, id, JourneyPatchSchema.parse(input));
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean)
  deleteJourney(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.journeysService.delete(principal, id);
  }

  @ResolveField(() => [StageDto])
  async stages(@CurrentPrincipal() principal: Principal, @Parent() journey: JourneyModel): Promise<StageModel[]> {
    const stages: (Stage | StageWithTouchpoints)[] = journey.stages ?? (await this.journeysService.stages(principal, journey.id));
    return stages.map(toStage);
  }
}

@Resolver(() => StageDto)
export class StageFieldsResolver {
  constructor(@Inject(JourneysService) private readonly journeysService: JourneysService) {}

  @ResolveField(() => [TouchpointDto])
  async touchpoints(@CurrentPrincipal() principal: Principal, @Parent() stage: StageModel): Promise<TouchpointDto[]> {
    const rows: Touchpoint[] = stage.touchpoints ?? (await this.journeysService.touchpointsOfStage(principal, stage.id));
    return rows.map(toTouchpoint);
  }
}
