import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TouchpointMode, TouchpointType } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';

@ObjectType('Touchpoint')
export class TouchpointDto {
  @Field(() => ID) id: string;
  @Field(() => String) key: string;
  @Field(() => String) name: string;
  @Field(() => TouchpointType) type: TouchpointType;
  @Field(() => String) channel: string;
  @Field(() => TouchpointMode) mode: TouchpointMode;
  @Field(() => String, { nullable: true }) ownerTeam: string | null;
  @Field(() => Float, { nullable: true }) monthlyCost: number | null;
  @Field(() => JsonScalar) facts: unknown;
  @Field(() => Int, { description: 'Order within the stage, from 0.' }) position: number;
  // stage is resolved by TouchpointFieldsResolver
  stageId: string;
}

@ObjectType('Stage')
export class StageDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Int) position: number;
  journeyId: string;
}

@ObjectType('Journey')
export class JourneyDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
}
