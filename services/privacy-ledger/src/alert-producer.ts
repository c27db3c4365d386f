// The ledger's Kafka producer for alerts (kafkajs, imported here only): idempotent, acks=all, one
// request in flight; send() rejects with a retriable DependencyError after `timeoutMs`.
import kafkajs from 'kafkajs';
import { DependencyError } from '@cwp/errors';
import type { Logger } from '@cwp/observability';

const { Kafka, Partitioners, logLevel } = kafkajs;

/** Produces keyed, encoded records. */
export interface AlertProducer {
  send(topic: string, records: readonly { key: string; value: Buffer }[]): Promise<void>;
  isConnected(): boolean;
  disconnect(): Promise<void>;
}

/** Creates the producer; it connects on first send. */
export function createAlertProducer(options: { brokers: readonly string[]; timeoutMs: number; logger: Logger }): AlertProducer {
  const log = options.logger.child({ component: 'kafkajs' });
  const kafka = new Kafka({
    clientId: 'cwp-privacy-ledger',
    brokers: [...options.brokers],
    connectionTimeout: Math.min(3000, options.timeoutMs),
    requestTimeout: options.timeoutMs,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      // Only scalar broker metadata is kept; kafkajs never puts record values in log entries.
      const fields: Record<string, unknown> = { namespace };
      for (const [k, v] of Object.entries(entry)) if (k !== 'message' && k !== 'stack' && (typeof v !== 'object' || v === null)) fields[k] = v;
      if (level === logLevel.ERROR) log.error(fields, entry.message);
      else log.warn(fields, entry.message);
    },
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  let connected = false;
  let connecting: Promise<void> | null = null;
  producer.on(producer.events.CONNECT, () => { connected = true; });
  producer.on(producer.events.DISCONNECT, () => { connected = false; });

  async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DependencyError('KAFKA_UNAVAILABLE', `Kafka did not ${what} within ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    isConnected: () => connected,
    async send(topic, records) {
      if (!connected) {
        connecting ??= withTimeout(producer.connect(), 'accept a connection').finally(() => { connecting = null; });
        await connecting;
      }
      try {
        await withTimeout(producer.send({ topic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value })) }), 'acknowledge the alerts');
      } catch (err) {
        throw err instanceof DependencyError ? err : new DependencyError('KAFKA_UNAVAILABLE', 'Kafka refused the alerts', { cause: err });
      }
    },
    disconnect: () => producer.disconnect(),
  };
}
