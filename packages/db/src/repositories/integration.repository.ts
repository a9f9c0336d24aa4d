import { randomUUID } from 'node:crypto';
import type { DbPrisma } from '../client/db.js';
import { DbError } from '../client/db.js';
import type { Integration, Prisma } from '../generated/prisma/client.js';
import { decryptSecrets, encryptSecrets } from '../secrets/secrets.js';
import type { Keyring } from '../secrets/secrets.js';
import { scopedClient as scoped } from '../scoping/workspace-scope.js';

// Integrations as the rest of the platform sees them: config and state, never the ciphertext;
// only whether secrets are set. Secrets are encrypted here with the integration id as context.
export type IntegrationView = Omit<Integration, 'secrets'> & { hasSecrets: boolean };

export interface NewIntegration {
  name: string;
  pluginId: string;
  pluginVersion: string;
  config?: Prisma.InputJsonValue;
  secrets?: Record<string, unknown> | null;
  schedule?: string | null;
  enabled?: boolean;
}

export type IntegrationChanges = Partial<NewIntegration>;

function view(row: Integration): IntegrationView {
  const { secrets, ...rest } = row;
  return { ...rest, hasSecrets: secrets !== null };
}

export function integrationRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  const withSecrets = { omit: { secrets: false } } as const;
  const seal = (id: string, secrets: Record<string, unknown> | null | undefined, keyring: Keyring | undefined): string | null | undefined => {
    if (secrets === undefined || secrets === null) return secrets;
    if (!keyring) throw new DbError('INVALID_CONFIG', 'storing integration secrets needs the secrets keyring (WAYMARK_SECRETS_KEY)');
    return encryptSecrets(secrets, keyring, id);
  };
  return {
    async list(): Promise<IntegrationView[]> {
      return (await db.integration.findMany({ ...withSecrets, orderBy: { createdAt: 'asc' } })).map(view);
    },
    async find(id: string): Promise<IntegrationView | null> {
      const row = await db.integration.findFirst({ ...withSecrets, where: { id } });
      return row ? view(row) : null;
    },
    async create(input: NewIntegration, keyring?: Keyring): Promise<IntegrationView> {
      const id = randomUUID();
      const { secrets, ...rest } = input;
      const sealed = seal(id, secrets, keyring);
      const row = await db.integration.create({ ...withSecrets, data: { id, workspaceId, ...rest, ...(sealed === undefined ? {} : { secrets: sealed }) } });
      return view(row);
    },
    async update(id: string, changes: IntegrationChanges, keyring?: Keyring): Promise<IntegrationView> {
      const { secrets, ...rest } = changes;
      const sealed = seal(id, secrets, keyring);
      const row = await db.integration.update({ ...withSecrets, where: { id }, data: { ...rest, ...(sealed === undefined ? {} : { secrets: sealed }) } });
      return view(row);
    },
    // For the worker running a sync: the decrypted secrets of one integration ({} when none).
    async readSecrets(id: string, keyring: Keyring): Promise<Record<string, unknown>> {
      const row = await db.integration.findFirst({ where: { id }, select: { secrets: true } });
      if (!row) throw new DbError('NOT_FOUND', `integration ${id} does not exist in this workspace`);
      return row.secrets === null ? {} : decryptSecrets(row.secrets, keyring, id);
    },
    async saveCursor(id: string, cursor: Prisma.InputJsonValue): Promise<void> {
      await db.integration.update({ where: { id }, data: { cursor } });
    },
    async markSynced(id: string, at: Date = new Date()): Promise<void> {
      await db.integration.update({ where: { id }, data: { lastSyncAt: at } });
    },
    async remove(id: string): Promise<boolean> {
      return (await db.integration.deleteMany({ where: { id } })).count === 1;
    },
  };
}
