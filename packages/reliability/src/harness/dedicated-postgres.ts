import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

// A throw-away PostgreSQL server that a test may stop and restart at will: its own initdb cluster
// in a temp folder on a free port. Never the shared server on 5432.
export interface DedicatedPostgres {
  port: number;
  url(database?: string): string;
  /** `immediate` is a crash (recovery from WAL on start); `fast` a clean shutdown. */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  destroy(): void;
}

const binDir = process.env.WAYMARK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

// initdb and postgres refuse to run as root: as root, run them as the postgres user.
function runner(owner: { uid: number; gid: number } | null) {
  return (tool: string, args: string[]): string => {
    const bin = join(binDir, tool);
    const [cmd, argv] = owner ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-pg-'));
  const owner = postgresOwner();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = runner(owner);
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off keeps the shared disk quiet; a process crash (immediate stop) still loses nothing
  // committed, because the WAL written so far stays in the OS page cache.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'immediate' | 'fast' = 'fast') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    destroy: () => {
      try {
        stop('immediate');
      } catch (error) {
        // already stopped is fine; anything else is worth a line in the test output
        if (!String(error).includes('not running') && !String(error).includes('Is server running')) console.error(error);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
