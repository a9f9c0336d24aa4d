import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AlertStatusGql, Metric, ThresholdDirection } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { TouchpointDto } from '../../journeys/dtos/journey.dto.js';

@ObjectType('Alert')
export class AlertDto {
  @Field(() => ID) id: string;
  @Field(() => AlertStatusGql) status: AlertStatusGql;
  @Field(() => Metric) metric: Metric;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float) threshold: number;
  @Field(() => Int) sampleSize: number;
  @Field(() => Date) openedAt: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => TouchpointDto) touchpoint: TouchpointDto;
}

@ObjectType('KpiThreshold')
export class ThresholdDto {
  @Field(() => ID) id: string;
  @Field(() => Metric) metric: Metric;
  @Field(() => ThresholdDirection) direction: ThresholdDirection;
  @Field(() => Float) value: number;
  @Field(() => Int) windowDays: number;
  @Field(() => Int) minSample: number;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => TouchpointDto) touchpoint: TouchpointDto;
}

@InputType()
export class ThresholdInput {
  @Field(() => ID) touchpointId: string;
  @Field(() => Metric) metric: Metric;
  @Field(() => ThresholdDirection, { defaultValue: 'BELOW' }) direction: ThresholdDirection;
  @Field(() => Float) value: number;
  @Field(() => Int, { nullable: true }) windowDays?: number | null;
  @Field(() => Int, { nullable: true }) minSample?: number | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType('TouchpointRisk')
export class TouchpointRiskDto {
  @Field(() => TouchpointDto) touchpoint: TouchpointDto;
  @Field(() => Float, { description: '0..100; higher is riskier.' }) score: number;
  @Field(() => Int, { nullable: true }) rank: number | null;
  @Field(() => String, { nullable: true }) level: string | null;
  @Field(() => Int, { nullable: true, description: 'Events in the assessment window, when the assessment recorded it.' }) volume: number | null;
  @Field(() => Float, { nullable: true }) exposure: number | null;
  @Field(() => Float, { nullable: true }) negativeShare: number | null;
  @Field(() => Float, { nullable: true }) complaintRate: number | null;
  @Field(() => Float, { nullable: true }) trend: number | null;
  @Field(() => JsonScalar) components: unknown;
  @Field(() => Date) computedAt: Date;
}
