import { Inject, Injectable } from '@nestjs/common';
import { auditLogRepository } from '@waymark/db';
import type { Db, Prisma } from '@waymark/db';
import type { Principal } from '../../../common/auth/auth-context.js';
import { DB } from '../../../common/tokens.js';

// Who changed what: every mutation records one entry in the caller's workspace.
@Injectable()
export class AuditLogService {
  constructor(@Inject(DB) private readonly db: Db) {}

  async record(principal: Principal, action: string, entityType: string, entityId: string | null, details?: Prisma.InputJsonValue): Promise<void> {
    await auditLogRepository(this.db.prisma, principal.workspaceId).record({
      actorId: principal.tokenId,
      actorRole: principal.role,
      action,
      entityType,
      entityId,
      ...(details === undefined ? {} : { details }),
    });
  }
}
