import { Inject, Injectable } from '@nestjs/common';
import { deleteTouchpoint, journeyRepository, touchpointRepository } from '@waymark/db';
import type { Db, Event, EventKind, NewTouchpoint, Stage, Touchpoint, TouchpointChanges, TouchpointFilter, TouchpointPlacement } from '@waymark/db';
import type { Principal } from '../../../common/auth/auth-context.js';
import { badInput, notFound } from '../../../common/errors/api-error.js';
import { isUuid, requireId } from '../../../common/graphql/ids.js';
import type { PageArgs } from '../../../common/graphql/pagination.js';
import { DB } from '../../../common/tokens.js';
import { AuditLogService } from '../../workspaces/services/audit-log.service.js';
import { assertKeysFree } from './key-conflicts.js';

@Injectable()
export class TouchpointsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
  ) {}

  private repo(principal: Principal) {
    return touchpointRepository(this.db.prisma, principal.workspaceId);
  }

  async list(principal: Principal, filter: TouchpointFilter): Promise<Touchpoint[]> {
    if (filter.journeyId && !isUuid(filter.journeyId)) return [];
    return this.repo(principal).list(filter);
  }

  async find(principal: Principal, id: string): Promise<Touchpoint | null> {
    return isUuid(id) ? this.repo(principal).find(id) : null;
  }

  async require(principal: Principal, id: string): Promise<Touchpoint> {
    const found = await this.repo(principal).find(requireId(id, 'touchpoint'));
    if (!found) throw notFound('touchpoint', id);
    return found;
  }

  async stage(principal: Principal, stageId: string): Promise<Stage> {
    const stage = await journeyRepository(this.db.prisma, principal.workspaceId).findStage(stageId);
    if (!stage) throw notFound('stage', stageId);
    return stage;
  }

  async add(principal: Principal, stageId: string, input: NewTouchpoint): Promise<Touchpoint> {
    await this.stage(principal, requireId(stageId, 'stage'));
    await assertKeysFree(this.db, principal.workspaceId, [input.key]);
    const created = await this.repo(principal).add(stageId, input);
    await this.auditLog.record(principal, 'touchpoint.create', 'Touchpoint', created.id, { key: created.key });
    return created;
  }

  // Field changes, then the placement (stage and/or position), which renumbers the stages involved.
  async update(principal: Principal, id: string, changes: TouchpointChanges, placement: TouchpointPlacement = {}): Promise<Touchpoint> {
    const current = await this.require(principal, id);
    if (placement.stageId) await this.stage(principal, requireId(placement.stageId, 'stage'));
    const repo = this.repo(principal);
    let updated = Object.keys(changes).length > 0 ? await repo.update(id, changes) : current;
    if (placement.stageId !== undefined || placement.position !== undefined) updated = await repo.place(id, placement);
    await this.auditLog.record(principal, 'touchpoint.update', 'Touchpoint', id, { fields: [...Object.keys(changes), ...Object.keys(placement)] });
    return updated;
  }

  // Only a touchpoint nothing depends on: see deleteTouchpoint in @waymark/db.
  async delete(principal: Principal, id: string): Promise<boolean> {
    const outcome = await deleteTouchpoint(this.db, principal.workspaceId, requireId(id, 'touchpoint'));
    if (outcome.status === 'not-found') throw notFound('touchpoint', id);
    if (outcome.status === 'in-use') throw badInput(inUseMessage(outcome), { events: outcome.events, initiatives: outcome.initiatives });
    await this.auditLog.record(principal, 'touchpoint.delete', 'Touchpoint', id, { key: outcome.key });
    return true;
  }

  async events(principal: Principal, filter: { touchpointId?: string | null; kind?: EventKind | null; from?: Date | null; to?: Date | null }, page: PageArgs): Promise<Event[]> {
    if (filter.touchpointId && !isUuid(filter.touchpointId)) throw badInput(`touchpointId "${filter.touchpointId}" is not a touchpoint id.`);
    return this.repo(principal).events(filter, page.first, page.after);
  }
}

function inUseMessage(use: { key: string; events: number; initiatives: string[] }): string {
  const parts = [
    ...(use.events > 0 ? [`holds ${use.events} event${use.events === 1 ? '' : 's'}, which would be deleted with it`] : []),
    ...(use.initiatives.length > 0 ? [`is part of initiative ${use.initiatives.map((n) => `"${n}"`).join(', ')}, whose ROI would change`] : []),
  ];
  return `Touchpoint "${use.key}" ${parts.join(' and ')}. Keep it: it can be renamed or moved to another stage.`;
}
