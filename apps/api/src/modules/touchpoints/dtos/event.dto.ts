import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { EventKind } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';

@ObjectType('Event')
export class EventDto {
  @Field(() => ID) id: string;
  @Field(() => String) source: string;
  @Field(() => String) externalId: string;
  @Field(() => ID) touchpointId: string;
  @Field(() => ID) customerId: string;
  @Field(() => Date) occurredAt: Date;
  @Field(() => EventKind) kind: EventKind;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Int, { nullable: true }) csat: number | null;
  @Field(() => Int, { nullable: true }) nps: number | null;
  @Field(() => Int, { nullable: true }) ces: number | null;
  @Field(() => Float, { nullable: true }) sentiment: number | null;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field(() => JsonScalar, { nullable: true }) attributes: unknown;
}

@ObjectType('EventConnection')
export class EventConnection {
  @Field(() => [EventDto]) nodes: EventDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
