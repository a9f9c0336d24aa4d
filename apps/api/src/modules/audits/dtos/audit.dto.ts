import { Field, ID, ObjectType } from '@nestjs/graphql';
import { FindingChange, RunStatus, Severity } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';
import { JourneyDto, TouchpointDto } from '../../journeys/dtos/journey.dto.js';

@ObjectType('Finding')
export class FindingDto {
  @Field(() => ID) id: string;
  @Field(() => String) rule: string;
  @Field(() => Severity) severity: Severity;
  @Field(() => [TouchpointDto]) touchpoints: TouchpointDto[];
  @Field(() => JsonScalar) evidence: unknown;
  @Field(() => FindingChange) change: FindingChange;
}

@ObjectType('ConsistencyAudit')
export class ConsistencyAuditDto {
  @Field(() => ID) id: string;
  @Field(() => RunStatus) status: RunStatus;
  @Field(() => JourneyDto) journey: JourneyDto;
  @Field(() => [FindingDto]) findings: FindingDto[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => ID, { nullable: true }) previousAuditId: string | null;
  journeyId: string;
}

@ObjectType('ConsistencyAuditConnection')
export class ConsistencyAuditConnection {
  @Field(() => [ConsistencyAuditDto]) nodes: ConsistencyAuditDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
