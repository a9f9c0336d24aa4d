// A bare graphql-yoga server answering the benchmark's journey and KPI queries from memory: the
// ceiling the Waymark API is compared with. Run as its own process:
//   node bare-yoga.js <answers.json> <port> [--no-body-limit]
// --no-body-limit turns off yoga's default maxRequestBodySize (25 MB), which pipes every request
// body through a TransformStream: the leanest yoga, reported beside the default one.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const [answersPath, portArg, flag] = process.argv.slice(2);
if (!answersPath || !portArg || (flag !== undefined && flag !== '--no-body-limit')) throw new Error('usage: bare-yoga.js <answers.json> <port> [--no-body-limit]');
const answers: { journey: unknown; kpi: unknown } = JSON.parse(readFileSync(answersPath, 'utf8'));

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    scalar JSON
    type Touchpoint { id: ID! key: String! name: String! type: String! channel: String! mode: String! ownerTeam: String monthlyCost: Float facts: JSON! }
    type Stage { id: ID! name: String! position: Int! touchpoints: [Touchpoint!]! }
    type Journey { id: ID! name: String! description: String stages: [Stage!]! }
    enum Metric { NPS CSAT CES SENTIMENT VOLUME REVENUE CONVERSION_RATE }
    type KpiValue { metric: Metric! value: Float sampleSize: Int! }
    input TimeWindow { from: String! to: String! }
    input KpiScope { journeyId: ID stageId: ID touchpointId: ID channel: String }
    type Query {
      journey(id: ID!): Journey
      kpi(metric: Metric!, scope: KpiScope!, window: TimeWindow!): KpiValue!
    }
  `,
  resolvers: { Query: { journey: () => answers.journey, kpi: () => answers.kpi } },
});

const yoga = createYoga({ schema, logging: false, graphiql: false, ...(flag ? { maxRequestBodySize: false } : {}) });
createServer(yoga).listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
