import type { DbPrisma } from '../client/db.js';
import type { Workspace } from '../generated/prisma/client.js';

// Workspaces are the tenants themselves, so these calls are the only unscoped ones.
export function workspaceRepository(prisma: DbPrisma) {
  return {
    create(name: string): Promise<Workspace> {
      return prisma.workspace.create({ data: { name } });
    },
    find(id: string): Promise<Workspace | null> {
      return prisma.workspace.findUnique({ where: { id } });
    },
    first(): Promise<Workspace | null> {
      return prisma.workspace.findFirst({ orderBy: { createdAt: 'asc' } });
    },
  };
}

// Webhooks arrive without a token: the integration id in the URL names the workspace.
export async function findIntegrationWorkspace(prisma: DbPrisma, integrationId: string): Promise<string | null> {
  const row = await prisma.integration.findUnique({ where: { id: integrationId }, select: { workspaceId: true } });
  return row?.workspaceId ?? null;
}
