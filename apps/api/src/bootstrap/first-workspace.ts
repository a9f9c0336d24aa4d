import { apiTokenRepository, findActiveApiToken, seedDemoWorkspace, workspaceRepository } from '@waymark/db';
import type { Db } from '@waymark/db';
import type { ApiConfig } from '../config/api-config.js';

export interface FirstWorkspace {
  workspaceId: string;
  // Set only when this start created the token and nobody chose it: print it once.
  generatedToken: string | null;
  // This start created the demo workspace (its schedules are recorded, not yet run).
  demoSeeded: boolean;
}

// A fresh instance gets its first workspace and an admin token: WAYMARK_ADMIN_TOKEN when set
// (registered if new), otherwise a generated one that the caller prints once.
export async function ensureFirstWorkspace(db: Db, config: ApiConfig): Promise<FirstWorkspace> {
  const workspaces = workspaceRepository(db.prisma);
  let workspace = await workspaces.first();
  const fresh = !workspace;
  let demoSeeded = false;
  if (!workspace) {
    if (config.WAYMARK_DEMO_DATA) {
      // Its six months of events end at this first start, so the console's default window (the
      // last 90 days) shows live-looking data instead of a feed that went quiet on a fixed date.
      const demo = await seedDemoWorkspace(db, { workspaceName: 'Demo resort', scale: config.WAYMARK_DEMO_SCALE, now: new Date() });
      workspace = await workspaces.find(demo.workspaceId);
      demoSeeded = true;
    } else {
      workspace = await workspaces.create('My workspace');
    }
  }
  if (!workspace) throw new Error('the first workspace could not be created');
  const tokens = apiTokenRepository(db.prisma, workspace.id);
  if (config.WAYMARK_ADMIN_TOKEN) {
    if (!(await findActiveApiToken(db.prisma, config.WAYMARK_ADMIN_TOKEN))) {
      await tokens.create({ name: 'Admin token (WAYMARK_ADMIN_TOKEN)', role: 'ADMIN', secret: config.WAYMARK_ADMIN_TOKEN });
    }
    return { workspaceId: workspace.id, generatedToken: null, demoSeeded };
  }
  if (!fresh) return { workspaceId: workspace.id, generatedToken: null, demoSeeded };
  const { secret } = await tokens.create({ name: 'First admin token', role: 'ADMIN' });
  return { workspaceId: workspace.id, generatedToken: secret, demoSeeded };
}
