import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { RunStatus } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';

@ObjectType('PluginSecret')
export class PluginSecretDto {
  @Field(() => String) key: string;
  @Field(() => String) label: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Boolean) required: boolean;
}

@ObjectType('PluginInfo')
export class PluginInfoDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) version: string;
  @Field(() => String) category: string;
  @Field(() => String) description: string;
  @Field(() => JsonScalar, { description: 'JSON Schema of the config, for the console form.' }) configSchema: unknown;
  @Field(() => [String], { description: 'Keys of the secrets the plugin declares.' }) secrets: string[];
  @Field(() => [PluginSecretDto]) secretFields: PluginSecretDto[];
  @Field(() => [String]) streams: string[];
  @Field(() => Boolean) supportsWebhook: boolean;
  @Field(() => Boolean) supportsTestConnection: boolean;
}

@ObjectType('SyncRun')
export class SyncRunDto {
  @Field(() => ID) id: string;
  @Field(() => ID) integrationId: string;
  @Field(() => RunStatus) status: RunStatus;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int) pages: number;
  @Field(() => Int) eventsAccepted: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int) eventsRejected: number;
  @Field(() => String, { nullable: true }) error: string | null;
}

@ObjectType('SyncRunConnection')
export class SyncRunConnection {
  @Field(() => [SyncRunDto]) nodes: SyncRunDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType('Integration')
export class IntegrationDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) pluginId: string;
  @Field(() => String) pluginVersion: string;
  @Field(() => JsonScalar) config: unknown;
  @Field(() => Boolean) hasSecrets: boolean;
  @Field(() => [String], { description: 'Declared secret keys, when secrets are stored (values are never returned).' }) secretKeys: string[];
  @Field(() => String, { nullable: true }) schedule: string | null;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => Date, { nullable: true }) lastSyncAt: Date | null;
  @Field(() => SyncRunDto, { nullable: true }) lastSyncRun: SyncRunDto | null;
  @Field(() => Date) createdAt: Date;
}

@InputType()
export class IntegrationInput {
  @Field(() => ID, { nullable: true, description: 'Set to change an existing integration.' }) id?: string | null;
  @Field(() => String) pluginId: string;
  @Field(() => String) name: string;
  @Field(() => JsonScalar) config: unknown;
  @Field(() => JsonScalar, { nullable: true, description: 'Write-only. On an update the keys sent replace the stored ones and the others are kept; omit to keep them all. The whole set must hold every required secret the plugin declares, and only those it declares.' }) secrets?: unknown;
  @Field(() => String, { nullable: true }) schedule?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType('ConnectionTest')
export class ConnectionTestDto {
  @Field(() => Boolean) ok: boolean;
  @Field(() => String) message: string;
  @Field(() => String, { nullable: true }) code: string | null;
}
