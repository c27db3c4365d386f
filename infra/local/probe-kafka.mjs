#!/usr/bin/env node
// Exit 0 when a Kafka broker answers a metadata request at the given host:port within 5 s.
import kafkajs from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const kafka = new kafkajs.Kafka({ clientId: 'cwp-probe', brokers: [broker], logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: 2000, requestTimeout: 3000, retry: { retries: 0 } });
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
