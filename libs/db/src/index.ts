export { createPool, classifyPgError, withTransaction } from './pool.js';
export type { PoolOptions } from './pool.js';
export { migrate } from './migrate.js';
export type { MigrateOptions } from './migrate.js';
