import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { apiTokenRepository, workspaceRepository } from '@waymark/db';
import type { Role } from '@waymark/db';
import { startApp } from '../bootstrap/create-app.js';
import type { CreateAppOptions, RunningApp } from '../bootstrap/create-app.js';
import { ensureFirstWorkspace } from '../bootstrap/first-workspace.js';
import { readApiConfig } from '../config/api-config.js';
import type { ApiConfig } from '../config/api-config.js';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface ApiHarness {
  url: string;
  test: TestDatabase;
  running: RunningApp;
  adminToken: string;
  workspaceId: string;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  // A token of the given role in the given workspace (default: the first workspace).
  token(role: Role, workspaceId?: string): Promise<string>;
  // Another workspace with its own admin token.
  otherWorkspace(): Promise<{ workspaceId: string; adminToken: string }>;
  stop(): Promise<void>;
}

// The real Nest app on a random port against a fresh PostgreSQL database.
export async function startHarness(env: Record<string, string> = {}, overrides: Partial<ApiConfig> = {}, app: Pick<CreateAppOptions, 'logger'> = {}): Promise<ApiHarness> {
  const test = await createTestDatabase('postgres');
  const adminToken = `wmk_${randomBytes(24).toString('base64url')}`;
  const config = readApiConfig({ NODE_ENV: 'test', WAYMARK_ADMIN_TOKEN: adminToken, TEMPORAL_ADDRESS: '127.0.0.1:1', WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64'), ...env }, overrides);
  const { workspaceId } = await ensureFirstWorkspace(test.db, config);
  const running = await startApp({ db: test.db, config, host: '127.0.0.1', port: 0, ...app });
  const gql = async <T>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body: unknown = await response.json();
    return { status: response.status, ...(typeof body === 'object' && body !== null ? body : {}) };
  };
  return {
    url: running.url,
    test,
    running,
    adminToken,
    workspaceId,
    gql,
    async token(role, inWorkspace = workspaceId) {
      return (await apiTokenRepository(test.db.prisma, inWorkspace).create({ name: `${role} test token`, role })).secret;
    },
    async otherWorkspace() {
      const workspace = await workspaceRepository(test.db.prisma).create('Other workspace');
      const { secret } = await apiTokenRepository(test.db.prisma, workspace.id).create({ name: 'admin', role: 'ADMIN' });
      return { workspaceId: workspace.id, adminToken: secret };
    },
    async stop() {
      // A short drain: a test's open streams need not hold the next test file for 25 s.
      await running.close(2_000);
      await test.drop();
    },
  };
}
