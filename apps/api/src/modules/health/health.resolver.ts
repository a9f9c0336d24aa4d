import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';

@ObjectType('Health')
export class HealthDto {
  @Field(() => String) status: string;
  @Field(() => String) version: string;
}

@Resolver()
export class HealthResolver {
  @Allow('public')
  @Query(() => HealthDto, { description: 'Liveness; needs no token.' })
  health(): HealthDto {
    return { status: 'ok', version: process.env.npm_package_version ?? '0.0.0' };
  }
}
