import type { RejectedRetry } from '$lib/graphql/types.js';

export type RetryTotals = Pick<RejectedRetry, 'retried' | 'accepted' | 'duplicates' | 'remaining'> & { stillRejected: number };

const rows = (n: number): string => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

// Adds one call's answer to the totals of the calls before it.
export function addRetry(totals: RetryTotals | null, part: RejectedRetry): RetryTotals {
  return {
    retried: (totals?.retried ?? 0) + part.retried,
    accepted: (totals?.accepted ?? 0) + part.accepted,
    duplicates: (totals?.duplicates ?? 0) + part.duplicates,
    stillRejected: (totals?.stillRejected ?? 0) + part.stillRejected.length,
    remaining: part.remaining,
  };
}

// What a retry did, in one sentence an admin can act on.
export function retrySummary(t: RetryTotals): string {
  if (t.retried === 0) return 'No rows were left to retry.';
  const parts = [`${t.accepted.toLocaleString('en')} stored`];
  if (t.duplicates > 0) parts.push(`${t.duplicates.toLocaleString('en')} already stored by a later sync`);
  if (t.stillRejected > 0) parts.push(`${t.stillRejected.toLocaleString('en')} still refused (the list shows why)`);
  const more = t.remaining > 0 ? ` ${rows(t.remaining)} not reached yet: retry again to go on.` : '';
  return `Retried ${rows(t.retried)}: ${parts.join(', ')}.${more}`;
}
