import { Inject, Injectable } from '@nestjs/common';
import { apiTokenRepository, auditLogRepository, disableConversionDays, disableRawContacts, enableConversionDays, enableRawContacts, isConversionDaysEnabled, workspaceRepository } from '@waymark/db';
import type { ApiToken, AuditLogEntry, CreatedApiToken, Db, Role, Workspace } from '@waymark/db';
import type { Principal } from '../../../common/auth/auth-context.js';
import { badInput, notFound } from '../../../common/errors/api-error.js';
import { requireId } from '../../../common/graphql/ids.js';
import type { PageArgs } from '../../../common/graphql/pagination.js';
import type { TokenAuthenticator } from '../../../common/auth/token-authenticator.js';
import { AUTHENTICATOR, DB } from '../../../common/tokens.js';
import type { WorkspaceModel } from '../dtos/workspace.dto.js';
import { AuditLogService } from './audit-log.service.js';

@Injectable()
export class WorkspacesService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(AUTHENTICATOR) private readonly authenticator: TokenAuthenticator,
  ) {}

  async current(principal: Principal): Promise<Workspace> {
    const workspace = await workspaceRepository(this.db.prisma).find(principal.workspaceId);
    if (!workspace) throw notFound('workspace', principal.workspaceId);
    return workspace;
  }

  // A new tenant with its first admin token; the creator's own workspace logs it.
  async create(principal: Principal, name: string): Promise<{ workspace: Workspace; adminToken: string }> {
    const workspace = await workspaceRepository(this.db.prisma).create(name);
    const { secret } = await apiTokenRepository(this.db.prisma, workspace.id).create({ name: 'First admin token', role: 'ADMIN' });
    await this.auditLog.record(principal, 'workspace.create', 'Workspace', workspace.id, { name });
    return { workspace, adminToken: secret };
  }

  async createToken(principal: Principal, role: Role, name: string): Promise<CreatedApiToken> {
    const created = await apiTokenRepository(this.db.prisma, principal.workspaceId).create({ name, role });
    await this.auditLog.record(principal, 'api-token.create', 'ApiToken', created.token.id, { name, role });
    return created;
  }

  listTokens(principal: Principal): Promise<ApiToken[]> {
    return apiTokenRepository(this.db.prisma, principal.workspaceId).list();
  }

  async revokeToken(principal: Principal, id: string): Promise<ApiToken> {
    const revoked = await apiTokenRepository(this.db.prisma, principal.workspaceId).revoke(requireId(id, 'API token'));
    if (!revoked) throw notFound('API token', id);
    // The token stops working with the next request, not when its cache entry would expire.
    this.authenticator.forget(revoked.id);
    await this.auditLog.record(principal, 'api-token.revoke', 'ApiToken', id);
    return revoked;
  }

  conversionPreaggregation(workspaceId: string): Promise<boolean> {
    return isConversionDaysEnabled(this.db, workspaceId);
  }

  // Enabling derives kpi_conversion_days from the workspace's stored events within this request
  // (a while on a big workspace; its ingest batches wait meanwhile); asking for the current state
  // again changes nothing, so a repeated click does not re-derive.
  async setConversionPreaggregation(principal: Principal, enabled: boolean): Promise<WorkspaceModel> {
    const workspace = await this.current(principal);
    if ((await isConversionDaysEnabled(this.db, workspace.id)) !== enabled) {
      await (enabled ? enableConversionDays(this.db, workspace.id) : disableConversionDays(this.db, workspace.id));
    }
    await this.auditLog.record(principal, 'workspace.conversion-preaggregation', 'Workspace', workspace.id, { enabled });
    return { ...workspace, conversionPreaggregation: enabled };
  }

  // Off hashes every stored e-mail and phone identity in place (a privacy request can be met at once);
  // on is possible only before the first contact was stored hashed, as a hash cannot be turned back.
  async setStoreRawContacts(principal: Principal, enabled: boolean): Promise<WorkspaceModel> {
    const workspace = await this.current(principal);
    const change = await (enabled ? enableRawContacts(this.db, workspace.id) : disableRawContacts(this.db, workspace.id));
    if (!change.ok) {
      throw badInput(`This workspace already stores ${change.hashedContacts} e-mail or phone identities as hashes, which cannot be turned back; storing contacts as given can only be turned on before the first import.`, { field: 'enabled' });
    }
    await this.auditLog.record(principal, 'workspace.store-raw-contacts', 'Workspace', workspace.id, { enabled, hashed: change.hashed });
    return { ...workspace, storeRawContacts: enabled };
  }

  auditLogPage(principal: Principal, page: PageArgs): Promise<AuditLogEntry[]> {
    return auditLogRepository(this.db.prisma, principal.workspaceId).list(page.first, page.after);
  }
}
