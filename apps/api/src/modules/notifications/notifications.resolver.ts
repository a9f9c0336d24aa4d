import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { NotificationDelivery, WebhookView } from '@waymark/db';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import {
  NotificationDeliveryConnectionDto,
  NotificationDeliveryDto,
  NotificationWebhookCreatedDto,
  NotificationWebhookDto,
  NotificationWebhookInput,
  NotificationWebhookPatch,
} from './dtos/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

const toDelivery = (row: NotificationDelivery): NotificationDeliveryDto => ({
  id: row.id, event: row.event, status: row.status, attempts: row.attempts, responseStatus: row.responseStatus, error: row.error,
  createdAt: row.createdAt, lastAttemptAt: row.lastAttemptAt, deliveredAt: row.deliveredAt, alertId: row.alertId,
});

const toWebhook = (row: WebhookView, last: NotificationDelivery | undefined): NotificationWebhookDto => ({
  id: row.id, name: row.name, urlHint: row.urlHint, events: row.events, enabled: row.enabled, createdAt: row.createdAt, updatedAt: row.updatedAt,
  lastDelivery: last ? toDelivery(last) : null,
});

@Resolver()
export class NotificationsResolver {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Allow(READERS)
  @Query(() => [NotificationWebhookDto], { description: 'Where alert changes are pushed; newest first.' })
  async notificationWebhooks(@CurrentPrincipal() principal: Principal): Promise<NotificationWebhookDto[]> {
    const rows = await this.notifications.list(principal);
    const last = await this.notifications.lastDeliveries(principal, rows.map((r) => r.id));
    return rows.map((row) => toWebhook(row, last.get(row.id)));
  }

  @Allow(READERS)
  @Query(() => NotificationDeliveryConnectionDto, { description: "A webhook's deliveries, newest first (first defaults to 50)." })
  async notificationDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<NotificationDeliveryConnectionDto> {
    const page = pageArgs(first, after, 'uuid');
    return connection(await this.notifications.deliveries(principal, webhookId, page), page.first, toDelivery);
  }

  @Allow(WRITERS)
  @Mutation(() => NotificationWebhookCreatedDto, { description: 'Registers a webhook; the signing secret is shown once.' })
  async createNotificationWebhook(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => NotificationWebhookInput }) input: NotificationWebhookInput): Promise<NotificationWebhookCreatedDto> {
    const { webhook, signingSecret } = await this.notifications.create(principal, input);
    return { webhook: toWebhook(webhook, undefined), signingSecret };
  }

  @Allow(WRITERS)
  @Mutation(() => NotificationWebhookDto, { description: 'Fields left out keep their value.' })
  async updateNotificationWebhook(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => NotificationWebhookPatch }) input: NotificationWebhookPatch,
  ): Promise<NotificationWebhookDto> {
    const webhook = await this.notifications.update(principal, id, input);
    return toWebhook(webhook, (await this.notifications.lastDeliveries(principal, [id])).get(id));
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, { description: 'Removes the webhook with its delivery history.' })
  deleteNotificationWebhook(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.notifications.remove(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => NotificationDeliveryDto, { description: 'Sends a webhook.test payload now (one attempt, 10 s timeout) and returns how it went.' })
  async testNotificationWebhook(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<NotificationDeliveryDto> {
    return toDelivery(await this.notifications.test(principal, id));
  }
}
