export { loadConfig, brokerList, port, commonEnv } from './load-config.js';
export type { EnvShape } from './load-config.js';
