import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeliveryStatus, NotificationEvent } from '@waymark/db';
import { PageInfo } from '../../../common/graphql/pagination.js';

registerEnumType(NotificationEvent, { name: 'NotificationEvent', description: 'An alert change a webhook can subscribe to.' });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus', description: 'PENDING while it is being sent or retried.' });

@ObjectType('NotificationDelivery')
export class NotificationDeliveryDto {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Wire name, as in the waymark-event header: alert.opened, alert.acknowledged, alert.resolved or webhook.test.' }) event: string;
  @Field(() => DeliveryStatus) status: DeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when nothing answered.' }) responseStatus: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null once delivered.' }) error: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => ID, { nullable: true }) alertId: string | null;
}

@ObjectType('NotificationWebhook')
export class NotificationWebhookDto {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Scheme and host only: the full URL is a credential, stored encrypted and never returned.' }) urlHint: string;
  @Field(() => [NotificationEvent]) events: NotificationEvent[];
  @Field(() => Boolean) enabled: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => NotificationDeliveryDto, { nullable: true }) lastDelivery: NotificationDeliveryDto | null;
}

@ObjectType('NotificationWebhookCreated')
export class NotificationWebhookCreatedDto {
  @Field(() => NotificationWebhookDto) webhook: NotificationWebhookDto;
  @Field(() => String, { description: 'Signs every payload (waymark-signature header); shown only in this answer.' }) signingSecret: string;
}

@ObjectType('NotificationDeliveryConnection')
export class NotificationDeliveryConnectionDto {
  @Field(() => [NotificationDeliveryDto]) nodes: NotificationDeliveryDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class NotificationWebhookInput {
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Absolute http(s) URL the payloads are POSTed to (a Slack or Teams incoming-webhook URL works as is).' }) url: string;
  @Field(() => [NotificationEvent]) events: NotificationEvent[];
}

@InputType()
export class NotificationWebhookPatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'A new URL keeps the signing secret.' }) url?: string | null;
  @Field(() => [NotificationEvent], { nullable: true }) events?: NotificationEvent[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false pauses it: nothing is queued for it, and what was queued is not sent.' }) enabled?: boolean | null;
}
