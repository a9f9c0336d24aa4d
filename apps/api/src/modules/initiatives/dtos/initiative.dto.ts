import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { RunStatus } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';
import { TouchpointDto } from '../../journeys/dtos/journey.dto.js';

@InputType()
export class InitiativeInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID]) touchpointIds: string[];
  @Field(() => Date) startDate: Date;
  @Field(() => Date, { nullable: true }) endDate?: Date | null;
  @Field(() => Float) cost: number;
}

@InputType({ description: 'A change to an initiative: a field left out keeps its value; description or endDate null clears it.' })
export class InitiativePatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The whole new set of touchpoints.' }) touchpointIds?: string[] | null;
  @Field(() => Date, { nullable: true }) startDate?: Date | null;
  @Field(() => Date, { nullable: true }) endDate?: Date | null;
  @Field(() => Float, { nullable: true }) cost?: number | null;
}

@ObjectType('RoiEvaluation')
export class RoiEvaluationDto {
  @Field(() => ID) id: string;
  @Field(() => RunStatus) status: RunStatus;
  @Field(() => Float, { nullable: true }) roi: number | null;
  @Field(() => Float, { nullable: true }) incrementalRevenue: number | null;
  @Field(() => Float, { nullable: true }) ciLow: number | null;
  @Field(() => Float, { nullable: true }) ciHigh: number | null;
  @Field(() => JsonScalar, { nullable: true }) kpiDeltas: unknown;
  @Field(() => ID) initiativeId: string;
  @Field(() => Date, { nullable: true }) windowFrom: Date | null;
  @Field(() => Date, { nullable: true }) windowTo: Date | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
}

@ObjectType('Initiative')
export class InitiativeDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Date) startDate: Date;
  @Field(() => Date, { nullable: true }) endDate: Date | null;
  @Field(() => Float) cost: number;
  @Field(() => Date, { description: 'When a value of the initiative last changed; an evaluation created before it evaluated older values.' }) updatedAt: Date;
  @Field(() => [TouchpointDto]) touchpoints: TouchpointDto[];
  @Field(() => RoiEvaluationDto, { nullable: true }) latestEvaluation: RoiEvaluationDto | null;
}

@ObjectType('InitiativeConnection')
export class InitiativeConnection {
  @Field(() => [InitiativeDto]) nodes: InitiativeDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
