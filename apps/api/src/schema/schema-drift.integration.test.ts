import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../test-support/api-harness.js';
import type { ApiHarness } from '../test-support/api-harness.js';
import { buildSchema, printSdl } from './build-schema.js';

const committed = readFileSync(fileURLToPath(new URL('../../schema.graphql', import.meta.url)), 'utf8');

describe('schema.graphql', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('matches the schema the resolvers build (run the build to regenerate it)', async () => {
    expect(printSdl(await buildSchema())).toBe(committed);
  });

  it('is the schema the running server serves', () => {
    expect(printSdl(api.running.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });

  it('keeps every name and shape of the SPEC §5 contract', () => {
    for (const line of [
      'journeys: [Journey!]!', 'journey(id: ID!): Journey', 'touchpoints(channel: String, journeyId: ID, stageId: ID): [Touchpoint!]!',
      'kpi(metric: Metric!, scope: KpiScope!, window: TimeWindow!): KpiValue!', 'kpiSeries(bucket: Bucket!, metric: Metric!, scope: KpiScope!, window: TimeWindow!): [KpiPoint!]!',
      'funnel(conversionWindowDays: Int = 30, journeyId: ID!, window: TimeWindow!): [FunnelStep!]!',
      'attribution(journeyId: ID!, model: AttributionModel!, window: TimeWindow!): [TouchpointRevenue!]!', 'plugins: [PluginInfo!]!',
      'integrations: [Integration!]!', 'audit(id: ID!): ConsistencyAudit', 'roiEvaluation(id: ID!): RoiEvaluation', 'alerts(status: AlertStatus): [Alert!]!',
      'riskRegister(journeyId: ID!): [TouchpointRisk!]!', 'createWorkspace(name: String!): WorkspaceCreated!', 'createApiToken(name: String!, role: Role!): ApiToken!',
      'createJourney(input: JourneyInput!): Journey!', 'updateTouchpoint(id: ID!, input: TouchpointPatch!): Touchpoint!', 'deleteJourney(id: ID!): Boolean!',
      'ingestEvents(events: [EventInput!]!): IngestResult!', 'configureIntegration(input: IntegrationInput!): Integration!', 'runSync(integrationId: ID!): SyncRun!',
      'startConsistencyAudit(journeyId: ID!): ConsistencyAudit!', 'createInitiative(input: InitiativeInput!): Initiative!', 'startRoiEvaluation(initiativeId: ID!): RoiEvaluation!',
    ]) {
      expect(committed, line).toContain(line);
    }
  });
});
