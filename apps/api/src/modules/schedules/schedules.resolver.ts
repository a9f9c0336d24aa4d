import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { ScheduleDto, ScheduleInput, ScheduleKindGql } from './dtos/schedule.dto.js';
import { SchedulesService } from './schedules.service.js';

@Resolver(() => ScheduleDto)
export class SchedulesResolver {
  constructor(@Inject(SchedulesService) private readonly service: SchedulesService) {}

  @Allow(READERS)
  @Query(() => [ScheduleDto], { description: 'Everything that runs by itself in this workspace (or one kind of it), with the next run times.' })
  schedules(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => ScheduleKindGql, nullable: true }) kind: ScheduleKindGql | null,
  ): Promise<ScheduleDto[]> {
    return this.service.list(principal, kind ?? null);
  }

  @ResolveField(() => String, { nullable: true, description: 'The name of the integration, journey, initiative or workspace it runs for; null when that is gone.' })
  targetName(@CurrentPrincipal() principal: Principal, @Parent() schedule: ScheduleDto): Promise<string | null> {
    return this.service.targetName(principal, schedule);
  }

  @Allow(READERS)
  @Query(() => ScheduleDto, { nullable: true, description: 'The schedule of a target, or null when it runs only on demand.' })
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => ScheduleKindGql }) kind: ScheduleKindGql,
    @Args('targetId', { type: () => ID, nullable: true }) targetId: string | null,
  ): Promise<ScheduleDto | null> {
    return this.service.get(principal, kind, targetId);
  }

  @Allow(WRITERS)
  @Mutation(() => ScheduleDto, { description: 'Creates or replaces the schedule of a target; overlapping runs are skipped.' })
  setSchedule(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => ScheduleInput }) input: ScheduleInput): Promise<ScheduleDto> {
    return this.service.set(principal, input);
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, { description: 'Removes the schedule of a target; true when it had one.' })
  removeSchedule(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => ScheduleKindGql }) kind: ScheduleKindGql,
    @Args('targetId', { type: () => ID, nullable: true }) targetId: string | null,
  ): Promise<boolean> {
    return this.service.remove(principal, kind, targetId);
  }
}
