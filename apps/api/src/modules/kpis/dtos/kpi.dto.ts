import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Metric } from '../../../common/graphql/enums.js';
import { StageDto, TouchpointDto } from '../../journeys/dtos/journey.dto.js';

@InputType('TimeWindow')
export class TimeWindowInput {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
}

@InputType('KpiScope')
export class KpiScopeInput {
  @Field(() => ID, { nullable: true }) journeyId?: string | null;
  @Field(() => ID, { nullable: true }) stageId?: string | null;
  @Field(() => ID, { nullable: true }) touchpointId?: string | null;
  @Field(() => String, { nullable: true }) channel?: string | null;
}

@ObjectType('KpiValue')
export class KpiValueDto {
  @Field(() => Metric) metric: Metric;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Int) sampleSize: number;
}

@ObjectType('KpiPoint')
export class KpiPointDto {
  @Field(() => Date) bucketStart: Date;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Int) sampleSize: number;
}

@ObjectType('FunnelStep')
export class FunnelStepDto {
  @Field(() => StageDto) stage: StageDto;
  @Field(() => Int) reached: number;
  @Field(() => Float, { nullable: true }) conversionFromPrevious: number | null;
  @Field(() => Float, { nullable: true }) dropOff: number | null;
}

@ObjectType('TouchpointRevenue')
export class TouchpointRevenueDto {
  @Field(() => TouchpointDto) touchpoint: TouchpointDto;
  @Field(() => Float) revenue: number;
  @Field(() => Float) conversions: number;
}

@ObjectType('HeatmapCell')
export class HeatmapCellDto {
  @Field(() => StageDto) stage: StageDto;
  @Field(() => String) channel: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Int) sampleSize: number;
}
