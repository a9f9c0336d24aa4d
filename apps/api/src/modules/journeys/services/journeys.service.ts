import { Inject, Injectable } from '@nestjs/common';
import { findJourneyTree, journeyRepository, touchpointRepository } from '@waymark/db';
import type { Db, JourneyWithStages, NewJourney, Stage, Touchpoint } from '@waymark/db';
import type { Principal } from '../../../common/auth/auth-context.js';
import { notFound } from '../../../common/errors/api-error.js';
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

  async delete(principal: Principal, id: string): Promise<boolean> {
    const journeys = journeyRepository(this.db.prisma, principal.workspaceId);
    if (!(await journeys.find(requireId(id, 'journey')))) throw notFound('journey', id);
    await this.schedules.removeRecorded(principal, [ScheduleKindGql.AUDIT, ScheduleKindGql.RISK], id);
    const deleted = await journeys.delete(id);
    if (!deleted) throw notFound('journey', id);
    await this.auditLog.record(principal, 'journey.delete', 'Journey', id);
    return true;
  }

  stages(principal: Principal, journeyId: string): Promise<Stage[]> {
    return journeyRepository(this.db.prisma, principal.workspaceId).stagesOf(journeyId);
  }

  touchpointsOfStage(principal: Principal, stageId: string): Promise<Touchpoint[]> {
    return touchpointRepository(this.db.prisma, principal.workspaceId).list({ stageId });
  }
}
