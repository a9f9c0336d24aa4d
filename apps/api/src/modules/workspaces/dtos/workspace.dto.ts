import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';
import { PageInfo } from '../../../common/graphql/pagination.js';

@ObjectType('Workspace')
export class WorkspaceDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Boolean, { description: "Whether customers' e-mail addresses and phone numbers are stored as given (true) or as their SHA-256 (false, the default); set with setStoreRawContacts." })
  storeRawContacts: boolean;
}

// A workspace as resolvers pass it along: a mutation that just set the flag carries it.
export type WorkspaceModel = WorkspaceDto & { conversionPreaggregation?: boolean };

@ObjectType('WorkspaceCreated')
export class WorkspaceCreatedDto {
  @Field(() => WorkspaceDto) workspace: WorkspaceDto;
  @Field(() => String) adminToken: string;
}

@ObjectType('ApiToken')
export class ApiTokenDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true, description: 'Only in the answer of createApiToken; stored as a hash.' }) secret: string | null;
  @Field(() => String, { description: 'First characters of the secret, to recognise it.' }) prefix: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
}

@ObjectType('Viewer')
export class ViewerDto {
  @Field(() => Role) role: Role;
  @Field(() => ID) tokenId: string;
  @Field(() => WorkspaceDto) workspace: WorkspaceDto;
}

@ObjectType('AuditLogEntry')
export class AuditLogEntryDto {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) actorId: string | null;
  @Field(() => Role, { nullable: true }) actorRole: Role | null;
  @Field(() => String) action: string;
  @Field(() => String) entityType: string;
  @Field(() => String, { nullable: true }) entityId: string | null;
  @Field(() => JsonScalar, { nullable: true }) details: unknown;
  @Field(() => Date) createdAt: Date;
}

@ObjectType('AuditLogConnection')
export class AuditLogConnection {
  @Field(() => [AuditLogEntryDto]) nodes: AuditLogEntryDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
