export { loadConfig, brokerList, port, commonEnv, kafkaSecurityEnv } from './load-config.js';
export type { EnvShape } from './load-config.js';
