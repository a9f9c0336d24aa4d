import type { ApiHarness, GraphqlResponse } from './api-harness.js';

// A refused call's first error as [code, message], the pair most refusal tests check.
export const refusal = (result: GraphqlResponse): unknown[] => [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message];

/** The newest audit-log entry of the harness's first workspace, as { action, details }. */
export async function lastAuditEntry(api: ApiHarness): Promise<{ action: string; details: unknown } | undefined> {
  const log = await api.gql<{ auditLog: { nodes: { action: string; details: unknown }[] } }>(api.adminToken, '{ auditLog(first: 1) { nodes { action details } } }');
  return log.data?.auditLog.nodes[0];
}
