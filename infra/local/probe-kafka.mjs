#!/usr/bin/env node
// Exit 0 when a Kafka broker answers a metadata request at the given host:port within 5 s, signed in
// with SCRAM-SHA-256 as KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (the local broker takes no anonymous client).
import kafkajs from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = process.env;
const sasl = username && password ? { mechanism: 'scram-sha-256', username, password } : undefined;
const kafka = new kafkajs.Kafka({ clientId: 'cwp-probe', brokers: [broker], sasl, logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: 2000, requestTimeout: 3000, retry: { retries: 0 } });
const admin = kafka.admin();
const timer = setTimeout(() => process.exit(1), 5000);
try {
  await admin.connect();
  const { brokers } = await admin.describeCluster();
  await admin.disconnect();
  clearTimeout(timer);
  process.exit(brokers.length > 0 ? 0 : 1);
} catch {
  process.exit(1);
}
