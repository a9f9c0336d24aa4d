import type { AuditFinding, DiffedFinding } from './types.js';

// Compares an audit's findings with the previous audit's: NEW, PERSISTING, and RESOLVED (the previous
// finding, carried over so the resolution is visible). Findings already RESOLVED last time are gone.
export function diffFindings(current: readonly AuditFinding[], previous: readonly DiffedFinding[]): DiffedFinding[] {
  const before = new Map(previous.filter((f) => f.change !== 'RESOLVED').map((f) => [f.fingerprint, f]));
  const now = new Set(current.map((f) => f.fingerprint));
  const diffed: DiffedFinding[] = current.map((f) => ({ ...f, change: before.has(f.fingerprint) ? 'PERSISTING' : 'NEW' }));
  for (const [fingerprint, finding] of before) {
    if (!now.has(fingerprint)) diffed.push({ ...finding, change: 'RESOLVED' });
  }
  return diffed;
}
