import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { EventKind } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';

@InputType()
export class EventInput {
  @Field(() => String) source: string;
  @Field(() => String) externalId: string;
  @Field(() => String) touchpointKey: string;
  @Field(() => String) customerRef: string;
  @Field(() => [String], { nullable: true }) linkedRefs?: string[] | null;
  @Field(() => Date) occurredAt: Date;
  @Field(() => EventKind) kind: EventKind;
  @Field(() => Float, { nullable: true }) value?: number | null;
  @Field(() => Int, { nullable: true }) csat?: number | null;
  @Field(() => Int, { nullable: true }) nps?: number | null;
  @Field(() => Int, { nullable: true }) ces?: number | null;
  @Field(() => Float, { nullable: true }) sentiment?: number | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => JsonScalar, { nullable: true }) attributes?: unknown;
}

@ObjectType('RejectedEvent')
export class RejectedEventDto {
  @Field(() => ID, { nullable: true, description: 'Set on kept rows (rejectedEvents, retryRejectedEvents); pass it to retryRejectedEvents.' })
  id?: string | null;
  @Field(() => Int) index: number;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => String) reason: string;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => Date, { nullable: true }) createdAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'How often a retry has tried this row.' }) retries?: number | null;
  @Field(() => Date, { nullable: true }) retriedAt?: Date | null;
}

@ObjectType('RejectedRetry')
export class RejectedRetryDto {
  @Field(() => Int, { description: 'Kept rows this call ran through ingestion again.' }) retried: number;
  @Field(() => Int, { description: 'Stored now; they left the list.' }) accepted: number;
  @Field(() => Int, { description: 'Stored meanwhile (by a later sync, say); they left the list.' }) duplicates: number;
  @Field(() => [RejectedEventDto], { description: 'Still refused, with the reason they get now; they stay in the list.' }) stillRejected: RejectedEventDto[];
  @Field(() => Int, { description: 'Rows of the filter after the last one taken; pass endCursor as after to go on.' }) remaining: number;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('IngestResult')
export class IngestResultDto {
  @Field(() => Int) accepted: number;
  @Field(() => Int) duplicates: number;
  @Field(() => [RejectedEventDto]) rejected: RejectedEventDto[];
}

@ObjectType('RejectedEventConnection')
export class RejectedEventConnection {
  @Field(() => [RejectedEventDto]) nodes: RejectedEventDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'All rows matching the filter.' }) totalCount: number;
}
