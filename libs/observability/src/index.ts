export { createLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { REDACT_PATHS, REDACTED } from './redaction.js';
export { createPipelineMetrics } from './metrics.js';
export type { PipelineMetrics } from './metrics.js';
export { buildOpsServer } from './ops-server.js';
export type { OpsServerOptions } from './ops-server.js';
export { opsRoutes, probeWithin } from './ops-routes.js';
export type { OpsRoutesOptions, ReadinessProbe } from './ops-routes.js';
