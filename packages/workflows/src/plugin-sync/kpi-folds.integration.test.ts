import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@waymark/db';
import { createPostgresDb, ingestEvents, pendingKpiEvents } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedJourney } from '../test-support/fixtures.js';
import { KpiFolds } from './kpi-folds.js';

let database: TestDatabase;
let db: Db;
let sent = 0;

beforeAll(async () => {
  database = await createTestDatabase('postgres', { poolSize: 6 });
  db = database.db;
});

afterAll(async () => {
  await database?.drop();
});

async function workspace(): Promise<string> {
  return (await seedJourney(db, ['Purchase'], [{ key: 'web', stage: 'Purchase', channel: 'web', ownerTeam: 'digital' }])).workspaceId;
}

// A sync page: 50 new events written with KPI maintenance deferred, as syncs write them.
async function writePage(ws: string): Promise<void> {
  const events = Array.from({ length: 50 }, () => {
    sent += 1;
    return { source: 'fold-test', externalId: `f${sent}`, touchpointKey: 'web', customerRef: `crm:fold:${sent}`, occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW' };
  });
  expect((await ingestEvents(db, ws, events, { deferKpis: true })).accepted).toBe(50);
}

// Holds the workspace's fold lock, so folds queue behind it, until release() is called.
function holdFoldLock(ws: string): { held: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    locked = resolve;
  });
  void db.transaction(async (tx) => {
    await tx.query('SELECT kpi_fold_lock($1::uuid)', [ws]);
    locked();
    await released;
  });
  return { held, release };
}

describe('KPI folds of a sync', () => {
  it('keeps one fold in flight: the next page waits for it, and the call ends with every page folded', async () => {
    const ws = await workspace();
    const folds = new KpiFolds(db, ws);
    const lock = holdFoldLock(ws);
    await lock.held;
    try {
      await writePage(ws);
      await folds.next();
      await writePage(ws);
      const second = folds.next();
      expect(await Promise.race([second.then(() => 'returned'), sleep(500).then(() => 'waiting')])).toBe('waiting');
      expect(await pendingKpiEvents(db, ws)).toBe(100);
      lock.release();
      await second;
    } finally {
      lock.release();
    }
    await writePage(ws);
    await folds.next();
    await folds.finish();
    expect(await pendingKpiEvents(db, ws)).toBe(0);
    const rolled = await db.query<{ n: number }>('SELECT coalesce(sum(events), 0)::int AS n FROM kpi_rollup_slots WHERE workspace_id = $1::uuid', [ws]);
    expect(rolled[0]?.n).toBe(150);
  });

  it('fails the call with the error of a fold, at the next page or at the end', async () => {
    const ws = await workspace();
    const closed = await createPostgresDb(database.databaseUrl ?? '');
    await closed.close();
    const failing = new KpiFolds(closed, ws);
    await writePage(ws);
    await failing.next();
    await expect(failing.next()).rejects.toThrow(/pool/i);
    const ending = new KpiFolds(closed, ws);
    await ending.next();
    await expect(ending.finish()).rejects.toThrow(/pool/i);
    expect(await pendingKpiEvents(db, ws)).toBe(50);
  });
});
