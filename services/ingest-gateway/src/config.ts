// The gateway's environment, read once with zod (@cwp/config) and frozen. Cross-variable rules
// (TLS files in pairs, a batch never costing more than the bucket holds) are checked here too, so
// every mistake surfaces in one ConfigError at start-up.
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import { commonEnv, kafkaSecurityEnv, loadConfig, port } from '@cwp/config';

const positiveInt = z.coerce.number().int().positive();
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const topic = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');

/** Environment variables of the gateway (the README's env table lists the same). */
export const gatewayEnv = {
  KAFKA_BROKERS: commonEnv.KAFKA_BROKERS,
  ...kafkaSecurityEnv,
  SCHEMA_REGISTRY_URL: commonEnv.SCHEMA_REGISTRY_URL,
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL (sources, consents, audit trail)'),
  REDIS_URL: z.string().min(1).describe('Redis URL (rate limits, idempotency keys, alert throttling)'),
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
  GATEWAY_PORT: port.default(8080).describe('port to listen on (HTTPS when the TLS files are set)'),
  GATEWAY_TOPIC: topic.default('events.raw.v1').describe('topic accepted events are produced to; its subject is <topic>-value'),
  GATEWAY_ALERT_TOPIC: topic.default('alerts.security.v1').describe('topic of security alerts (cwp.alerts.SecurityAlert)'),
  GATEWAY_MAX_BATCH: positiveInt.default(500).describe('most events in one POST /v1/events'),
  GATEWAY_MAX_BODY_BYTES: positiveInt.default(1_048_576).describe('largest request body, bytes (413 above)'),
  GATEWAY_RATE_PER_S: z.coerce.number().positive().default(500).describe('token refill rate per source, events per second'),
  GATEWAY_RATE_BURST: positiveInt.default(1000).describe('token bucket size per source, events'),
  GATEWAY_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]*$/).default('gw:').describe('prefix of every Redis key the gateway writes'),
  GATEWAY_IDEMPOTENCY_TTL_S: positiveInt.default(86_400).describe('how long an accepted event id is remembered, seconds'),
  GATEWAY_PRODUCE_TIMEOUT_MS: positiveInt.default(10_000).describe('longest wait for Kafka to acknowledge a request, ms (503 after)'),
  GATEWAY_KAFKA_RETRIES: z.coerce.number().int().min(1).default(5).describe('kafkajs retries per connect/send before giving up (the idempotent producer needs at least 1)'),
  GATEWAY_DB_SCHEMA: identifier.default('gateway').describe('PostgreSQL schema of sources and consents'),
  GATEWAY_MIGRATE_ON_START: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('apply the gateway schema migrations at start-up'),
  AUDIT_SCHEMA: identifier.default('audit').describe('PostgreSQL schema of the audit trail (migrated with `audit migrate`)'),
  GATEWAY_AUTH_ALERT_THRESHOLD: positiveInt.default(10).describe('failed authentications per remote address per minute that raise a security alert'),
  GATEWAY_RATE_ALERT_THRESHOLD: positiveInt.default(20).describe('429 answers per source per minute that raise a security alert'),
  GATEWAY_TLS_CERT_FILE: z.string().min(1).optional().describe('PEM server certificate; with the key file, serve HTTPS (TLS 1.3 only)'),
  GATEWAY_TLS_KEY_FILE: z.string().min(1).optional().describe('PEM server private key'),
  GATEWAY_TLS_CLIENT_CA_FILE: z.string().min(1).optional().describe('PEM CA bundle for client certificates (mutual TLS)'),
};

/** Validated, frozen gateway configuration. */
export type GatewayConfig = ReturnType<typeof loadConfig<typeof gatewayEnv>>;

/** Reads and checks the gateway environment; throws one ConfigError naming every bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayEnv, env);
  const problems: string[] = [];
  if ((config.GATEWAY_TLS_CERT_FILE === undefined) !== (config.GATEWAY_TLS_KEY_FILE === undefined)) {
    problems.push('  GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE: set both or neither');
  }
  if (config.GATEWAY_TLS_CLIENT_CA_FILE !== undefined && config.GATEWAY_TLS_CERT_FILE === undefined) {
    problems.push('  GATEWAY_TLS_CLIENT_CA_FILE: mutual TLS needs GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE too');
  }
  if (config.GATEWAY_MAX_BATCH > config.GATEWAY_RATE_BURST) {
    problems.push('  GATEWAY_MAX_BATCH: must not exceed GATEWAY_RATE_BURST, or a full batch could never be admitted');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration, ${problems.length} variable(s) to fix:\n${problems.join('\n')}`);
  return config;
}
