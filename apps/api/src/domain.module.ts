import { Module } from '@nestjs/common';
import { AlertsResolver } from './modules/alerts/alerts.resolver.js';
import { AlertsService } from './modules/alerts/alerts.service.js';
import { AuditsResolver } from './modules/audits/audits.resolver.js';
import { AuditsService } from './modules/audits/audits.service.js';
import { IngestionResolver } from './modules/ingestion/ingestion.resolver.js';
import { InitiativesResolver } from './modules/initiatives/initiatives.resolver.js';
import { InitiativesService } from './modules/initiatives/initiatives.service.js';
import { IntegrationsResolver } from './modules/integrations/integrations.resolver.js';
import { IntegrationsService } from './modules/integrations/integrations.service.js';
import { WebhookController } from './modules/integrations/webhook.controller.js';
import { HealthController } from './modules/health/health.controller.js';
import { HealthResolver } from './modules/health/health.resolver.js';
import { JourneysResolver, StageFieldsResolver } from './modules/journeys/journeys.resolver.js';
import { JourneysService } from './modules/journeys/services/journeys.service.js';
import { KpisResolver } from './modules/kpis/kpis.resolver.js';
import { KpisService } from './modules/kpis/kpis.service.js';
import { TouchpointsService } from './modules/touchpoints/services/touchpoints.service.js';
import { TouchpointsResolver } from './modules/touchpoints/touchpoints.resolver.js';
import { NotificationsResolver } from './modules/notifications/notifications.resolver.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { SchedulesResolver } from './modules/schedules/schedules.resolver.js';
import { SchedulesService } from './modules/schedules/schedules.service.js';
import { WorkflowsService } from './modules/workflows/workflows.service.js';
import { AuditLogService } from './modules/workspaces/services/audit-log.service.js';
import { WorkspacesService } from './modules/workspaces/services/workspaces.service.js';
import { WorkspacesResolver } from './modules/workspaces/workspaces.resolver.js';

// Every resolver class of the schema, also used to print schema.graphql without a database.
export const RESOLVERS = [
  HealthResolver, WorkspacesResolver, JourneysResolver, StageFieldsResolver, TouchpointsResolver, KpisResolver, IngestionResolver,
  IntegrationsResolver, AuditsResolver, InitiativesResolver, AlertsResolver, SchedulesResolver, NotificationsResolver,
];

@Module({
  controllers: [HealthController, WebhookController],
  providers: [
    ...RESOLVERS, AuditLogService, WorkflowsService, WorkspacesService, JourneysService, TouchpointsService, KpisService,
    IntegrationsService, AuditsService, InitiativesService, AlertsService, SchedulesService, NotificationsService,
  ],
})
export class DomainModule {}
