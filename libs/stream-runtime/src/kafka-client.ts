// The only file that imports kafkajs' client factory: swapping the Kafka client (e.g. for
// @platformatic/kafka once Node 22 is available) starts here and in create-stage.ts.
import kafkajs from 'kafkajs';
import { ConfigError } from '@cwp/errors';
import type { KafkaConfig } from 'kafkajs';
import type { Logger } from '@cwp/observability';
import { installCoordinatorCache } from './coordinator-cache.js';

const { Kafka, logLevel } = kafkajs;

// With transactions every failure aborts and recreates the producer, so bounding the producer's
// own retries does not weaken exactly-once; kafkajs warns about it on every producer anyway.
const SUPPRESSED = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);
// CONCURRENT_TRANSACTIONS right after a commit is the coordinator still writing markers; kafkajs retries it.
const EXPECTED_RETRY = /concurrent operation on the same transaction/;

/** How a client authenticates: a SCRAM user (null: no SASL) and whether TLS is on. */
export interface KafkaSecurity {
  readonly sasl: { readonly mechanism: 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string } | null;
  readonly ssl: boolean;
}

/** The Kafka security variables of @cwp/config's kafkaSecurityEnv, parsed. */
export interface KafkaSecurityConfig {
  readonly KAFKA_SASL_MECHANISM: 'none' | 'scram-sha-256' | 'scram-sha-512';
  readonly KAFKA_SASL_USERNAME?: string | undefined;
  readonly KAFKA_SASL_PASSWORD?: string | undefined;
  readonly KAFKA_SSL: boolean;
}

/** The security of a client from its configuration; a ConfigError names a missing user or password. */
export function kafkaSecurityOf(config: KafkaSecurityConfig): KafkaSecurity {
  if (config.KAFKA_SASL_MECHANISM === 'none') return { sasl: null, ssl: config.KAFKA_SSL };
  const missing = [config.KAFKA_SASL_USERNAME ? null : 'KAFKA_SASL_USERNAME', config.KAFKA_SASL_PASSWORD ? null : 'KAFKA_SASL_PASSWORD'].filter(Boolean);
  if (missing.length > 0) throw new ConfigError(`KAFKA_SASL_MECHANISM is ${config.KAFKA_SASL_MECHANISM} but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: give this service its Kafka user`);
  return { sasl: { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME!, password: config.KAFKA_SASL_PASSWORD! }, ssl: config.KAFKA_SSL };
}

/** The kafkajs `sasl` / `ssl` options of a security setting (none for a broker without authentication). */
export function kafkaClientAuth(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const out: Pick<KafkaConfig, 'sasl' | 'ssl'> = {};
  if (security?.sasl) {
    const { username, password } = security.sasl;
    out.sasl = security.sasl.mechanism === 'scram-sha-512' ? { mechanism: 'scram-sha-512', username, password } : { mechanism: 'scram-sha-256', username, password };
  }
  if (security?.ssl) out.ssl = true;
  return out;
}

/** How a client connects and retries; the defaults suit stages, request/response services pass tighter ones. */
export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** Where kafkajs logs go; a CLI that reports errors itself passes none (kafkajs stays silent). */
  readonly logger?: Logger;
  /** Authentication (default: none, for a broker without SASL). */
  readonly security?: KafkaSecurity;
  readonly retries?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly initialRetryMs?: number;
  readonly maxRetryMs?: number;
}

/** A kafkajs client whose log lines go to pino (namespaced per component, no record content). Every service's Kafka client comes from here. */
export function createKafkaClient(options: KafkaClientOptions): InstanceType<typeof Kafka> {
  installCoordinatorCache();
  const log = options.logger?.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkaClientAuth(options.security),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: options.initialRetryMs ?? 300, maxRetryTime: options.maxRetryMs ?? 5000, retries: options.retries ?? 8 },
    // At debug level kafkajs' own INFO lines (joins, seeks, producer init) are kept too.
    logLevel: !log ? logLevel.NOTHING : log.isLevelEnabled('debug') ? logLevel.INFO : logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      if (!log) return;
      const { message, timestamp: _t, logger: _l, ...extra } = entry;
      if (SUPPRESSED.has(message)) return;
      const fields = { namespace, ...pickSafe(extra) };
      if (EXPECTED_RETRY.test(message) || (typeof extra.error === 'string' && EXPECTED_RETRY.test(extra.error))) log.debug(fields, message);
      else if (level === logLevel.ERROR) log.error(fields, message);
      else if (level === logLevel.WARN) log.warn(fields, message);
      else if (level === logLevel.INFO) log.info(fields, message);
      else log.debug(fields, message);
    },
  });
}

// kafkajs log extras are metadata (groupId, topic, error text, retry counts); stacks stay out of info-level noise.
function pickSafe(extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) if (k !== 'stack' && (typeof v !== 'object' || v === null)) out[k] = v;
  return out;
}
