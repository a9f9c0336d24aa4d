// @waymark/plugin-sdk/testkit: contract checks and fixture replay for plugin tests.
export { expectPluginContract, runPluginContract } from './contract.js';
export type { ConfigFactory, ContractOptions } from './contract.js';
export type { ContractCheck, ContractFailure, ContractReport, StreamReport } from './contract-run.js';
export { loadFixtures, startFixtureServer } from './fixture-server.js';
export type { Fixture, FixtureServer } from './fixture-server.js';
export { webhookRequest } from './webhook.js';
