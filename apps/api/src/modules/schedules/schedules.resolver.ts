import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { ScheduleDto, ScheduleInput, ScheduleKindGql } from './dtos/schedule.dto.js';
import { SchedulesService } from './schedules.service.js';

@Resolver(() => ScheduleDto)
export class SchedulesResolver {
  constructor(@Inject(SchedulesService) private readonly schedules: SchedulesService) {}

  @Allow(READERS)
  @Query(() => ScheduleDto, { nullable: true, description: 'The schedule of a target, or null when it runs only on demand.' })
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => ScheduleKindGql }) kind: ScheduleKindGql,
    @Args('targetId', { type: () => ID, nullable: true }) targetId: string | null,
  ): Promise<ScheduleDto | null> {
    return this.schedules.get(principal, kind, targetId);
  }

  @Allow(WRITERS)
  @Mutation(() => ScheduleDto, { description: 'Creates or replaces the schedule of a target; overlapping runs are skipped.' })
  setSchedule(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => ScheduleInput }) input: ScheduleInput): Promise<ScheduleDto> {
    return this.schedules.set(principal, input);
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, { description: 'Removes the schedule of a target; true when it had one.' })
  removeSchedule(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => ScheduleKindGql }) kind: ScheduleKindGql,
    @Args('targetId', { type: () => ID, nullable: true }) targetId: string | null,
  ): Promise<boolean> {
    return this.schedules.remove(principal, kind, targetId);
  }
}
