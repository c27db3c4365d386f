// The ledger's Kafka producer for alerts (kafkajs, imported here only): idempotent, acks=all, one
// request in flight; send() rejects with a retriable DependencyError after `timeoutMs`.
import kafkajs from 'kafkajs';
import { DependencyError } from '@cwp/errors';
import type { Logger } from '@cwp/observability';
import { createKafkaClient, type KafkaSecurity } from '@cwp/stream-runtime';

const { Partitioners } = kafkajs;

/** Produces keyed, encoded records. */
export interface AlertProducer {
  send(topic: string, records: readonly { key: string; value: Buffer }[]): Promise<void>;
  isConnected(): boolean;
  disconnect(): Promise<void>;
}

/** Creates the producer; it connects on first send. */
export function createAlertProducer(options: { brokers: readonly string[]; security: KafkaSecurity; timeoutMs: number; logger: Logger }): AlertProducer {
  const kafka = createKafkaClient({
    clientId: 'cwp-privacy-ledger',
    brokers: options.brokers,
    security: options.security,
    logger: options.logger,
    connectionTimeoutMs: Math.min(3000, options.timeoutMs),
    requestTimeoutMs: options.timeoutMs,
    retries: 3,
    initialRetryMs: 200,
    maxRetryMs: 2000,
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
