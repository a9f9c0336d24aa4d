import { Inject, Injectable } from '@nestjs/common';
import { deleteJourney, findJourneyTree, journeyDeleteBlockers, journeyRepository, touchpointRepository, updateJourney } from '@waymark/db';
import type { Db, JourneyChanges, JourneyWithStages, NewJourney, Stage, StageInUse, Touchpoint } from '@waymark/db';
import type { ApiError } from '../../../common/errors/api-error.js';
import type { Principal } from '../../../common/auth/auth-context.js';
import { badInput, notFound } from '../../../common/errors/api-error.js';
import { isUuid, requireId } from '../../../common/graphql/ids.js';
import { DB } from '../../../common/tokens.js';
import { ScheduleKindGql } from '../../schedules/dtos/schedule.dto.js';
import { SchedulesService } from '../../schedules/schedules.service.js';
import { assertKeysFree } from '../../touchpoints/services/key-conflicts.js';
import { AuditLogService } from '../../workspaces/services/audit-log.service.js';

@Injectable()
export class JourneysService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
  ) {}

  list(principal: Principal) {
    return journeyRepository(this.db.prisma, principal.workspaceId).list();
  }

  async find(principal: Principal, id: string): Promise<JourneyWithStages | null> {
    if (!isUuid(id)) return null;
    // One SQL round trip for the whole tree: this is the hottest read of the console.
    return findJourneyTree(this.db, principal.workspaceId, id);
  }

  async require(principal: Principal, id: string) {
    const journey = await journeyRepository(this.db.prisma, principal.workspaceId).find(requireId(id, 'journey'));
    if (!journey) throw notFound('journey', id);
    return journey;
  }

  async create(principal: Principal, input: NewJourney): Promise<JourneyWithStages> {
    await assertKeysFree(this.db, principal.workspaceId, input.stages.flatMap((stage) => (stage.touchpoints ?? []).map((t) => t.key)));
    const journey = await journeyRepository(this.db.prisma, principal.workspaceId).create(input);
    await this.auditLog.record(principal, 'journey.create', 'Journey', journey.id, { name: journey.name });
    return journey;
  }

  // Renames the journey and/or rewrites its stage list (rename, add, reorder, remove empty stages).
  async update(principal: Principal, id: string, changes: JourneyChanges): Promise<JourneyWithStages> {
    const outcome = await updateJourney(this.db, principal.workspaceId, requireId(id, 'journey'), changes);
    if (outcome.status === 'not-found') throw notFound('journey', id);
    if (outcome.status === 'unknown-stage') {
      throw badInput(`stages.${outcome.index}.id: "${outcome.id}" is not a stage of this journey; leave the id out to add a new stage.`, { path: `stages.${outcome.index}.id` });
    }
    if (outcome.status === 'stages-in-use') throw stagesInUse(outcome.stages);
    await this.auditLog.record(principal, 'journey.update', 'Journey', id, { fields: Object.keys(changes).filter((key) => changes[key as keyof JourneyChanges] !== undefined) });
    const updated = await findJourneyTree(this.db, principal.workspaceId, id);
    if (!updated) throw notFound('journey', id);
    return updated;
  }

  // Checked before its schedules go, and again under the journey's lock.
  async delete(principal: Principal, id: string): Promise<boolean> {
    const journey = await journeyRepository(this.db.prisma, principal.workspaceId).find(requireId(id, 'journey'));
    if (!journey) throw notFound('journey', id);
    const blockers = await journeyDeleteBlockers(this.db, principal.workspaceId, id);
    if (blockers.initiatives.length > 0) throw inInitiatives(journey.name, blockers.initiatives);
    if (blockers.audits > 0) throw stillAuditing(journey.name);
    await this.schedules.removeRecorded(principal, [ScheduleKindGql.AUDIT, ScheduleKindGql.RISK], id);
    const outcome = await deleteJourney(this.db, principal.workspaceId, id);
    if (outcome.status === 'not-found') throw notFound('journey', id);
    if (outcome.status === 'in-initiatives') throw inInitiatives(outcome.name, outcome.initiatives);
    if (outcome.status === 'auditing') throw stillAuditing(outcome.name);
    await this.auditLog.record(principal, 'journey.delete', 'Journey', id, { name: outcome.name, touchpoints: outcome.touchpoints, events: outcome.events });
    return true;
  }

  stages(principal: Principal, journeyId: string): Promise<Stage[]> {
    return journeyRepository(this.db.prisma, principal.workspaceId).stagesOf(journeyId);
  }

  touchpointsOfStage(principal: Principal, stageId: string): Promise<Touchpoint[]> {
    return touchpointRepository(this.db.prisma, principal.workspaceId).list({ stageId });
  }
}

// A stage's events go with it, so only an empty one may be left out of the list.
function stagesInUse(stages: StageInUse[]): ApiError {
  const named = stages.map((stage) => `"${stage.name}" (${stage.touchpoints} touchpoint${stage.touchpoints === 1 ? '' : 's'})`).join(', ');
  return badInput(`Cannot remove ${named}: move its touchpoints to another stage first (updateTouchpoint with stageId), or keep the stage in the list.`, {
    stageIds: stages.map((stage) => stage.id),
  });
}

function inInitiatives(journey: string, initiatives: string[]): ApiError {
  const names = initiatives.map((name) => `"${name}"`).join(', ');
  return badInput(
    `Journey "${journey}" has touchpoints in ${initiatives.length === 1 ? 'initiative' : 'initiatives'} ${names}, whose ROI would change without them. Change the initiatives' touchpoints (updateInitiative) or delete them first.`,
    { initiatives },
  );
}

function stillAuditing(journey: string): ApiError {
  return badInput(`Journey "${journey}" has a consistency audit queued or running, which would fail without it. Wait until it has finished, then delete the journey.`);
}
