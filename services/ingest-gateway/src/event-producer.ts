// The gateway's one Kafka producer (kafkajs): idempotent, acks=all, one request in flight so
// retries cannot reorder. `send` resolves only when every partition leader and its in-sync
// replicas acknowledged, and rejects with a retriable DependencyError (KAFKA_UNAVAILABLE) on any
// failure or after `timeoutMs`. kafkajs is imported here only.
import kafkajs from 'kafkajs';
import { DependencyError } from '@cwp/errors';
import type { Logger } from '@cwp/observability';
import { createKafkaClient, type KafkaSecurity } from '@cwp/stream-runtime';

const { Partitioners } = kafkajs;


/** A keyed, already encoded record. */
export interface OutgoingRecord {
  readonly key: string;
  readonly value: Buffer;
}

/** Produces records and reports its connection state. */
export interface EventProducer {
  /** Connects (shared between concurrent callers); rejects with KAFKA_UNAVAILABLE. */
  connect(): Promise<void>;
  isConnected(): boolean;
  /** Resolves once Kafka acknowledged all records with acks=all. */
  send(topic: string, records: readonly OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** Options of the producer. */
export interface EventProducerOptions {
  readonly brokers: readonly string[];
  readonly security: KafkaSecurity;
  readonly clientId: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly logger: Logger;
}

function unavailable(message: string, cause?: unknown): DependencyError {
  return new DependencyError('KAFKA_UNAVAILABLE', message, { cause });
}

/** Creates (does not connect) the producer. */
export function createEventProducer(options: EventProducerOptions): EventProducer {
  const kafka = createKafkaClient({
    clientId: options.clientId,
    brokers: options.brokers,
    security: options.security,
    logger: options.logger,
    connectionTimeoutMs: Math.min(3000, options.timeoutMs),
    requestTimeoutMs: options.timeoutMs,
    retries: options.retries,
    initialRetryMs: 200,
    maxRetryMs: 2000,
  });
  // The Java-compatible murmur2 partitioner, so the gateway and direct Avro producers put one
  // subject on the same partition.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  let connected = false;
  let connecting: Promise<void> | null = null;
  producer.on(producer.events.CONNECT, () => { connected = true; });
  producer.on(producer.events.DISCONNECT, () => { connected = false; });

  function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable(`Kafka did not ${what} within ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  async function connect(): Promise<void> {
    if (connected) return;
    connecting ??= withTimeout(producer.connect(), 'accept a connection')
      .catch((err: unknown) => {
        throw err instanceof DependencyError ? err : unavailable('Kafka refused the producer connection', err);
      })
      .finally(() => { connecting = null; });
    return connecting;
  }

  return {
    connect,
    isConnected: () => connected,
    async send(topic, records) {
      if (records.length === 0) return;
      await connect();
      try {
        await withTimeout(producer.send({ topic, acks: -1, timeout: options.timeoutMs, messages: records.map((r) => ({ key: r.key, value: r.value })) }), 'acknowledge');
      } catch (err) {
        throw err instanceof DependencyError ? err : unavailable(`Kafka did not acknowledge records on ${topic}`, err);
      }
    },
    async disconnect() {
      await producer.disconnect().catch(() => undefined);
    },
  };
}
