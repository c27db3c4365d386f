// The environment every stage reads (ARCHITECTURE.md, Contracts: Configuration): the common
// variables plus the runtime's tuning knobs, each with a unit in its name and a description.
import { z } from 'zod';
import { commonEnv, loadConfig, type EnvShape } from '@cwp/config';

const positiveInt = z.coerce.number().int().positive();

/** The runtime's own variables; a service adds its own (input/output topics, group id...). */
export const runtimeEnv = {
  ...commonEnv,
  METRICS_HOST: z.string().min(1).default('0.0.0.0').describe('address the ops server binds (0.0.0.0 for Kubernetes probes, 127.0.0.1 locally)'),
  DELIVERY_MODE: z.enum(['exactly-once', 'at-least-once']).default('exactly-once')
    .describe('exactly-once = Kafka transactions (the default, required when outputs are not byte-deterministic); at-least-once = idempotent producer, commit after ack'),
  TRANSACTIONAL_ID_PREFIX: z.string().min(1).optional()
    .describe('prefix of the per-partition transactional ids (default: the consumer group id); must be stable across restarts'),
  PARTITIONS_CONSUMED_CONCURRENTLY: positiveInt.max(64).default(6).describe('input partitions processed in parallel'),
  RECORD_CONCURRENCY: positiveInt.max(256).default(1)
    .describe("records of one batch transformed at once (1 = in offset order); records with the same ordering key (the stage's orderKey, else the Kafka key) always keep their order"),
  FETCH_MAX_WAIT_MS: positiveInt.max(10_000).default(250).describe('longest a fetch waits for data when the topic is idle'),
  MAX_BYTES_PER_PARTITION: positiveInt.default(1_048_576).describe('largest fetch per partition, bounds a batch (one transaction)'),
  SESSION_TIMEOUT_MS: positiveInt.min(6000).default(10_000).describe('consumer group session timeout; a dead instance\'s partitions move after this'),
  RETRY_BASE_MS: positiveInt.default(200).describe('first retry backoff ceiling after a transient failure'),
  RETRY_MAX_MS: positiveInt.default(30_000).describe('largest retry backoff ceiling'),
  PRODUCER_RETRY_BASE_MS: positiveInt.max(5000).default(300)
    .describe("the transactional producers' first client-side retry wait; back-to-back transactions on one partition meet the broker's CONCURRENT_TRANSACTIONS retry, so latency-sensitive stages set ~10"),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000).describe('SIGTERM: time to finish the batch in hand and disconnect before exiting non-zero'),
  DLQ_SPIKE_THRESHOLD: z.coerce.number().int().min(0).default(100)
    .describe('dead letters within DLQ_SPIKE_WINDOW_MS that raise a DLQ_SPIKE SecurityAlert (0 = never)'),
  DLQ_SPIKE_WINDOW_MS: positiveInt.default(60_000).describe('sliding window of the DLQ spike count'),
  SECURITY_ALERT_TOPIC: z.string().min(1).default('alerts.security.v1').describe('topic of SOC alerts (DLQ spikes), written in the batch\'s transaction'),
  FROM_BEGINNING: z.enum(['true', 'false']).default('true').transform((s) => s === 'true')
    .describe('a new consumer group starts at the earliest offset (true) or the latest (false)'),
} satisfies EnvShape;

/** The parsed runtime configuration. */
export type RuntimeConfig = Readonly<z.infer<z.ZodObject<typeof runtimeEnv>>>;

/** Loads the runtime variables plus a service's own `extra`; one ConfigError names every bad variable. */
export function loadStageConfig<S extends EnvShape>(extra: S, env: NodeJS.ProcessEnv = process.env): RuntimeConfig & Readonly<z.infer<z.ZodObject<S>>> {
  return loadConfig({ ...runtimeEnv, ...extra }, env) as RuntimeConfig & Readonly<z.infer<z.ZodObject<S>>>;
}
