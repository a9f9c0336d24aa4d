import { randomBytes, randomUUID } from 'node:crypto';
import type { DbPrisma } from '../client/db.js';
import { DbError } from '../client/db.js';
import type { NotificationDelivery, NotificationEvent, NotificationWebhook } from '../generated/prisma/client.js';
import { decryptSecrets, encryptSecrets } from '../secrets/secrets.js';
import type { Keyring } from '../secrets/secrets.js';
import { scoped } from '../repositories/scoped-cache.js';

export const SIGNING_SECRET_PREFIX = 'whsec_';

export type WebhookView = Omit<NotificationWebhook, 'target'>;

// What a delivery needs and nobody may read back: the full URL and the signing secret.
export interface WebhookTarget {
  url: string;
  signingSecret: string;
}

export interface NewWebhook {
  name: string;
  url: string;
  events: NotificationEvent[];
}

export interface WebhookChanges {
  name?: string;
  url?: string;
  events?: NotificationEvent[];
  enabled?: boolean;
}

export interface CreatedWebhook {
  webhook: WebhookView;
  // The only time the secret leaves the data layer in clear.
  signingSecret: string;
}

export function generateSigningSecret(): string {
  return `${SIGNING_SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
}

// Scheme and host only: the path of a Slack or Teams URL is the credential.
export function webhookUrlHint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…`;
}

export function sealWebhookTarget(id: string, target: WebhookTarget, keyring: Keyring): string {
  return encryptSecrets({ url: target.url, signingSecret: target.signingSecret }, keyring, `webhook:${id}`);
}

export function openWebhookTarget(id: string, envelope: string, keyring: Keyring): WebhookTarget {
  const plain = decryptSecrets(envelope, keyring, `webhook:${id}`);
  if (typeof plain.url !== 'string' || typeof plain.signingSecret !== 'string') throw new DbError('INVALID_CONFIG', `webhook ${id} holds no URL and signing secret`);
  return { url: plain.url, signingSecret: plain.signingSecret };
}

export function webhookRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  const withTarget = { omit: { target: false } } as const;
  return {
    list(): Promise<WebhookView[]> {
      return db.notificationWebhook.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
    find(id: string): Promise<WebhookView | null> {
      return db.notificationWebhook.findFirst({ where: { id } });
    },
    async create(input: NewWebhook, keyring: Keyring): Promise<CreatedWebhook> {
      const id = randomUUID();
      const signingSecret = generateSigningSecret();
      const webhook = await db.notificationWebhook.create({
        data: { id, workspaceId, name: input.name, events: input.events, urlHint: webhookUrlHint(input.url), target: sealWebhookTarget(id, { url: input.url, signingSecret }, keyring) },
      });
      return { webhook, signingSecret };
    },
    // A new URL keeps the signing secret, so receivers need not change their verification.
    async update(id: string, changes: WebhookChanges, keyring: Keyring): Promise<WebhookView> {
      const { url, ...rest } = changes;
      if (url === undefined) return db.notificationWebhook.update({ where: { id }, data: rest });
      const row = await db.notificationWebhook.findFirst({ ...withTarget, where: { id } });
      if (!row) throw new DbError('NOT_FOUND', `webhook ${id} does not exist in this workspace`);
      const { signingSecret } = openWebhookTarget(id, row.target, keyring);
      return db.notificationWebhook.update({ where: { id }, data: { ...rest, urlHint: webhookUrlHint(url), target: sealWebhookTarget(id, { url, signingSecret }, keyring) } });
    },
    async remove(id: string): Promise<boolean> {
      return (await db.notificationWebhook.deleteMany({ where: { id } })).count === 1;
    },
    async readTarget(id: string, keyring: Keyring): Promise<WebhookTarget> {
      const row = await db.notificationWebhook.findFirst({ ...withTarget, where: { id } });
      if (!row) throw new DbError('NOT_FOUND', `webhook ${id} does not exist in this workspace`);
      return openWebhookTarget(id, row.target, keyring);
    },
    // Newest first, keyset-paged on (createdAt, id) from the delivery id of the previous page's end.
    deliveries(webhookId: string, page: { first: number; after: string | null }): Promise<NotificationDelivery[]> {
      return db.notificationDelivery.findMany({
        where: { webhookId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
        ...(page.after ? { cursor: { id: page.after }, skip: 1 } : {}),
      });
    },
    async lastDeliveries(webhookIds: string[]): Promise<Map<string, NotificationDelivery>> {
      const rows = await db.notificationDelivery.findMany({
        where: { webhookId: { in: webhookIds } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        distinct: ['webhookId'],
      });
      return new Map(rows.map((row) => [row.webhookId, row]));
    },
  };
}
