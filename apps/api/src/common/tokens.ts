// Injection tokens for the values built at bootstrap.
export const DB = Symbol('Db');
export const API_CONFIG = Symbol('ApiConfig');
export const PLUGIN_REGISTRY = Symbol('PluginRegistry');
export const AUTHENTICATOR = Symbol('TokenAuthenticator');
export const METRICS = Symbol('ApiMetrics');
export const DRAIN_STATE = Symbol('DrainState');
