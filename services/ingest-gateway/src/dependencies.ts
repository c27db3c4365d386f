// The gateway's connections: PostgreSQL, Redis, the Kafka producer, the schema-registry serde and
// the audit log. build() creates whichever the caller did not inject and closes only those.
import type pg from 'pg';
import { Redis } from 'ioredis';
import { AVRO_OPTIONS } from '@cwp/avro';
import type { AuditLog } from '@cwp/audit';
import { createAuditLog } from '@cwp/audit';
import { createPool } from '@cwp/db';
import type { Logger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import { createSerde } from '@cwp/registry';
import type { GatewayConfig } from './config.js';
import type { EventProducer } from './event-producer.js';
import { createEventProducer } from './event-producer.js';
import { kafkaSecurityOf } from '@cwp/stream-runtime';

/** Everything the gateway talks to. */
export interface GatewayDeps {
  readonly pool: pg.Pool;
  readonly redis: Redis;
  readonly producer: EventProducer;
  readonly serde: Serde;
  readonly audit: AuditLog;
}

/** Creates the dependencies missing from `given`; `close` ends only what it created. */
export function createDependencies(config: GatewayConfig, logger: Logger, given: Partial<GatewayDeps> = {}): GatewayDeps & { close(): Promise<void> } {
  const closers: (() => Promise<unknown>)[] = [];
  const pool = given.pool ?? createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-ingest-gateway' }, (err) => logger.warn({ err: { message: err.message, code: err.code } }, 'idle PostgreSQL connection failed'));
  if (!given.pool) closers.push(() => pool.end());
  let redis = given.redis;
  if (!redis) {
    // Fail fast rather than queue: a request waiting on a dead Redis gets a 503 and retries.
    const created = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000, enableAutoPipelining: true });
    created.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'Redis connection error'));
    closers.push(() => created.quit().catch(() => created.disconnect()));
    redis = created;
  }
  const producer = given.producer ?? createEventProducer({ brokers: config.KAFKA_BROKERS, security: kafkaSecurityOf(config), clientId: 'cwp-ingest-gateway', timeoutMs: config.GATEWAY_PRODUCE_TIMEOUT_MS, retries: config.GATEWAY_KAFKA_RETRIES, logger });
  if (!given.producer) closers.push(() => producer.disconnect());
  const serde = given.serde ?? createSerde({ url: config.SCHEMA_REGISTRY_URL, avroOptions: { ...AVRO_OPTIONS } });
  const audit = given.audit ?? createAuditLog({ pool, schema: config.AUDIT_SCHEMA });
  return {
    pool, redis, producer, serde, audit,
    async close() {
      // Producer first (flushes nothing pending: every send was awaited), then the stores.
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}
