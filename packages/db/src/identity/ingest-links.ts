import { z } from 'zod';
import type { Db } from '../client/db.js';
import { DbError } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';
import { RefError, normaliseRef } from './refs.js';
import { stitchIdentities } from './stitch.js';

// A source's identity link records ("crm:hubspot:123 is email:ana@example.com"): the refs of one
// record belong to one customer, merged with whatever those refs already belong to.

export interface IdentityLinkInput {
  refs: readonly string[];
}

export interface LinkResult {
  linked: number;
  merged: number;
  rejected: Array<{ index: number; reason: string }>;
}

const linkSchema = z.object({
  refs: z.array(z.string(), { error: 'refs must be a list of at least 2 refs' }).min(2, { error: 'refs must be a list of at least 2 refs' }).max(50, { error: 'a link record may hold at most 50 refs' }),
});

export async function ingestLinks(db: Db, workspaceId: string, links: readonly unknown[]): Promise<LinkResult> {
  assertWorkspaceId(workspaceId);
  return db.transaction(async (tx) => {
    const ws = await tx.query<{ store_raw_contacts: boolean }>('SELECT store_raw_contacts FROM workspaces WHERE id = $1 FOR SHARE', [workspaceId]);
    if (!ws[0]) throw new DbError('NOT_FOUND', `workspace ${workspaceId} does not exist`);
    const storeRaw = ws[0].store_raw_contacts;
    const groups: string[][] = [];
    const rejected: LinkResult['rejected'] = [];
    links.forEach((link, index) => {
      const parsed = linkSchema.safeParse(link);
      if (!parsed.success) {
        rejected.push({ index, reason: parsed.error.issues.map((i) => i.message).join('; ') });
        return;
      }
      try {
        groups.push(parsed.data.refs.map((ref) => normaliseRef(ref, storeRaw)));
      } catch (error) {
        if (!(error instanceof RefError)) throw error;
        rejected.push({ index, reason: error.message });
      }
    });
    const result = await stitchIdentities(tx, workspaceId, groups);
    return { linked: groups.length, merged: result.merged, rejected };
  });
}
