import { touchpointRepository } from '@waymark/db';
import type { Db } from '@waymark/db';
import { badInput } from '../../../common/errors/api-error.js';

// Touchpoint keys are unique in a workspace: a key already taken is refused with the touchpoint
// that holds it, before anything is written (the database's unique index would only say "a unique field").
export async function assertKeysFree(db: Db, workspaceId: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const taken = await touchpointRepository(db.prisma, workspaceId).withKeys(keys);
  if (taken.length === 0) return;
  const held = taken.map((t) => `"${t.key}" is already used by "${t.name}" in journey "${t.journeyName}"`).join('; ');
  throw badInput(`${held}. Touchpoint keys are unique in the workspace: choose another key.`, { field: 'key', keys: taken.map((t) => t.key) });
}
