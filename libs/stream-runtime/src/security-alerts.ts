// One way for a process outside a stage's own transaction (a CLI, a library port) to raise a
// cwp.alerts.SecurityAlert on alerts.security.v1 for the SOC: registry-encoded under the topic's
// subject, keyed by the principal involved (so one principal's alerts stay in order), produced
// idempotently with acks=all. The producer connects on the first alert. Alerts carry counts,
// thresholds and names, never record values or key material (the schema says so too).
import kafkajs from 'kafkajs';
import type { SecurityAlert } from '@cwp/avro';
import { DependencyError } from '@cwp/errors';
import type { Logger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import { createKafkaClient, type KafkaSecurity } from './kafka-client.js';

/** Where security alerts go. */
export interface SecurityAlertSink {
  /** Produces the alert (acks=all); rejects with a retriable DependencyError when Kafka does not take it. */
  raise(alert: SecurityAlert): Promise<void>;
  close(): Promise<void>;
}

/** Options of createSecurityAlertSink. */
export interface SecurityAlertSinkOptions {
  readonly brokers: readonly string[];
  readonly security: KafkaSecurity;
  readonly serde: Serde;
  /** Default alerts.security.v1. */
  readonly topic?: string;
  readonly clientId: string;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
}

/** A sink producing to the security alert topic. */
export function createSecurityAlertSink(options: SecurityAlertSinkOptions): SecurityAlertSink {
  const topic = options.topic ?? 'alerts.security.v1';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const kafka = createKafkaClient({
    clientId: options.clientId, brokers: options.brokers, security: options.security, ...(options.logger ? { logger: options.logger } : {}),
    connectionTimeoutMs: Math.min(3000, timeoutMs), requestTimeoutMs: timeoutMs, retries: 3, initialRetryMs: 200, maxRetryMs: 2000,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
  let connected: Promise<void> | null = null;
  return {
    async raise(alert) {
      try {
        connected ??= producer.connect();
        await connected;
        const value = await options.serde.encode(`${topic}-value`, alert);
        await producer.send({ topic, acks: -1, timeout: timeoutMs, messages: [{ key: alert.principal ?? alert.alertId, value }] });
      } catch (err) {
        connected = null;
        throw new DependencyError('ALERT_UNAVAILABLE', `the ${alert.category} security alert could not be produced to ${topic}; the SOC was not told`, { cause: err });
      }
    },
    async close() {
      if (connected) await producer.disconnect().catch(() => undefined);
      connected = null;
    },
  };
}
