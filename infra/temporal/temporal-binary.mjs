// Finds or builds the Temporal CLI dev server. These machines reach the Go module proxy but not
// Temporal's download site, so we build the pinned CLI with Go once and cache it outside the repo.
// Returns null when neither a cached binary nor Go is available: callers then let the Temporal SDK
// download its own dev server (machines with internet access).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export function temporalCacheDir() {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'waymark', `temporal-${TEMPORAL_CLI_VERSION.slice(1)}`);
}

function goAvailable() {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

export function ensureTemporalBinary({ log = console.error } = {}) {
  if (process.env.WAYMARK_TEMPORAL_BIN) return process.env.WAYMARK_TEMPORAL_BIN;
  const dir = temporalCacheDir();
  const binary = join(dir, 'temporal');
  if (existsSync(binary)) return binary;
  if (!goAvailable()) {
    log('Temporal: no cached dev server and no Go toolchain; the Temporal SDK will download one.');
    return null;
  }
  mkdirSync(dir, { recursive: true });
  log(`Temporal: building the dev server ${TEMPORAL_CLI_VERSION} with Go (first run only, a few minutes)…`);
  execFileSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return binary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const binary = ensureTemporalBinary();
  if (binary) console.log(binary);
}
