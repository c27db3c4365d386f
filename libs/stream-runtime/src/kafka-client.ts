// The only file that imports kafkajs' client factory: swapping the Kafka client (e.g. for
// @platformatic/kafka once Node 22 is available) starts here and in create-stage.ts.
import kafkajs from 'kafkajs';
import type { Logger } from '@cwp/observability';

const { Kafka, logLevel } = kafkajs;

// With transactions every failure aborts and recreates the producer, so bounding the producer's
// own retries does not weaken exactly-once; kafkajs warns about it on every producer anyway.
const SUPPRESSED = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);
// CONCURRENT_TRANSACTIONS right after a commit is the coordinator still writing markers; kafkajs retries it.
const EXPECTED_RETRY = /concurrent operation on the same transaction/;

/** How a client connects and retries; the defaults suit stages, request/response services pass tighter ones. */
export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: Logger;
  readonly retries?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly initialRetryMs?: number;
  readonly maxRetryMs?: number;
}

/** A kafkajs client whose log lines go to pino (namespaced per component, no record content). Every service's Kafka client comes from here. */
export function createKafkaClient(options: KafkaClientOptions): InstanceType<typeof Kafka> {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: options.initialRetryMs ?? 300, maxRetryTime: options.maxRetryMs ?? 5000, retries: options.retries ?? 8 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
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
