import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { recordDeliveryAttempt, testPayload, TEST_EVENT, webhookRepository } from '@waymark/db';
import type { Db, NotificationDelivery, NotificationEvent } from '@waymark/db';
import { postWebhook, startNotificationDeliveries } from '@waymark/workflows';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { badInput, notFound } from '../../common/errors/api-error.js';
import { requireId } from '../../common/graphql/ids.js';
import type { PageArgs } from '../../common/graphql/pagination.js';
import { DB } from '../../common/tokens.js';
import { IntegrationsService } from '../integrations/integrations.service.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { NotificationWebhookInput, NotificationWebhookPatch } from './dtos/notification.dto.js';

const Name = z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters');
const Url = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), 'url must be an absolute http:// or https:// URL, e.g. https://hooks.slack.com/services/…');
const Events = z.array(z.enum(['ALERT_OPENED', 'ALERT_ACKNOWLEDGED', 'ALERT_RESOLVED'])).min(1, 'events must name at least one alert change to send');

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(`The webhook was not saved: ${result.error.issues[0]?.message ?? `${field} is invalid`}.`, { field });
  return result.data;
}

const unique = (events: NotificationEvent[]): NotificationEvent[] => [...new Set(events)];

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(IntegrationsService) private readonly integrations: IntegrationsService,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
  ) {}

  private repo(principal: Principal) {
    return webhookRepository(this.db.prisma, principal.workspaceId);
  }

  private async require(principal: Principal, id: string) {
    const webhook = await this.repo(principal).find(requireId(id, 'webhook'));
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  }

  list(principal: Principal) {
    return this.repo(principal).list();
  }

  lastDeliveries(principal: Principal, webhookIds: string[]): Promise<Map<string, NotificationDelivery>> {
    return this.repo(principal).lastDeliveries(webhookIds);
  }

  async deliveries(principal: Principal, webhookId: string, page: PageArgs): Promise<NotificationDelivery[]> {
    await this.require(principal, webhookId);
    const after = page.after ? Buffer.from(page.after, 'base64url').toString('utf8') : null;
    return this.repo(principal).deliveries(webhookId, { first: page.first, after });
  }

  async create(principal: Principal, input: NotificationWebhookInput) {
    const fields = { name: parse(Name, input.name, 'name'), url: parse(Url, input.url, 'url'), events: unique(parse(Events, input.events, 'events')) };
    const created = await this.repo(principal).create(fields, this.integrations.keyring());
    await this.auditLog.record(principal, 'webhook.create', 'NotificationWebhook', created.webhook.id, { name: fields.name, urlHint: created.webhook.urlHint, events: fields.events });
    return created;
  }

  async update(principal: Principal, id: string, patch: NotificationWebhookPatch) {
    await this.require(principal, id);
    const changes = {
      ...(patch.name === null || patch.name === undefined ? {} : { name: parse(Name, patch.name, 'name') }),
      ...(patch.url === null || patch.url === undefined ? {} : { url: parse(Url, patch.url, 'url') }),
      ...(patch.events === null || patch.events === undefined ? {} : { events: unique(parse(Events, patch.events, 'events')) }),
      ...(patch.enabled === null || patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    };
    const updated = await this.repo(principal).update(id, changes, this.integrations.keyring());
    const { url, ...logged } = changes;
    await this.auditLog.record(principal, 'webhook.update', 'NotificationWebhook', id, { ...logged, urlChanged: url !== undefined });
    return updated;
  }

  async remove(principal: Principal, id: string): Promise<boolean> {
    const webhook = await this.require(principal, id);
    await this.repo(principal).remove(id);
    await this.auditLog.record(principal, 'webhook.delete', 'NotificationWebhook', id, { name: webhook.name });
    return true;
  }

  // One attempt now, from the API, so an admin sees at once whether the receiver accepts it.
  async test(principal: Principal, id: string): Promise<NotificationDelivery> {
    const webhook = await this.require(principal, id);
    const target = await this.repo(principal).readTarget(id, this.integrations.keyring());
    const workspace = await this.db.prisma.workspace.findUniqueOrThrow({ where: { id: principal.workspaceId } });
    const deliveryId = randomUUID();
    const payload = testPayload({ deliveryId, at: new Date(), workspace: { id: workspace.id, name: workspace.name }, webhookName: webhook.name });
    await this.db.prisma.notificationDelivery.create({ data: { id: deliveryId, workspaceId: principal.workspaceId, webhookId: id, event: TEST_EVENT, payload } });
    const outcome = await postWebhook({ url: target.url, signingSecret: target.signingSecret, deliveryId, event: TEST_EVENT, payload });
    await recordDeliveryAttempt(this.db, deliveryId, { ...outcome, final: true });
    await this.auditLog.record(principal, 'webhook.test', 'NotificationWebhook', id, { delivered: outcome.delivered, responseStatus: outcome.responseStatus });
    return this.db.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
  }

  // The alert change is committed with its deliveries; if Temporal is down they wait for the next
  // KPI watch, which starts the ones never tried.
  async send(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    try {
      await this.workflows.run('send alert notifications', (client) => startNotificationDeliveries(client, deliveryIds));
    } catch (error) {
      this.logger.warn(`${deliveryIds.length} notification(s) queued but not started (the next KPI watch starts them): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
