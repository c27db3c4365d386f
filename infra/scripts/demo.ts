// `make demo`: streams seeded synthetic events into events.raw.v1 through the schema registry and
// prints a live count of how much each topic of infra/topics.json has grown, so every stage that
// runs beside it shows up in the count.
import kafkajs from 'kafkajs';
import { AVRO_OPTIONS } from '@cwp/avro';
import { createSerde } from '@cwp/registry';
import { createGenerator } from '@cwp/synthetic';
import { loadConfig, brokerList } from '@cwp/config';
import { z } from 'zod';
import { loadTopics } from './topics.js';

const cfg = loadConfig({
  KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers'),
  SCHEMA_REGISTRY_URL: z.url().describe('schema registry (Confluent API)'),
  DEMO_EVENTS: z.coerce.number().int().positive().default(3000).describe('how many events to send'),
  DEMO_RATE: z.coerce.number().int().positive().default(500).describe('events per second'),
  DEMO_SEED: z.coerce.number().int().default(2026).describe('generator seed'),
});

const RAW = 'events.raw.v1';
const kafka = new kafkajs.Kafka({ clientId: 'cwp-demo', brokers: cfg.KAFKA_BROKERS, logLevel: kafkajs.logLevel.WARN });
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
const serde = createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS });
const topics = loadTopics().topics.map((t) => t.name);

async function endOffsets(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of topics) {
    const offs = await admin.fetchTopicOffsets(t);
    out.set(t, offs.reduce((n, p) => n + Number(p.high), 0));
  }
  return out;
}

await Promise.all([admin.connect(), producer.connect()]);
const base = await endOffsets();
const generator = createGenerator({ seed: cfg.DEMO_SEED });
const byType = new Map<string, number>();
let sent = 0;
const started = Date.now();
process.stdout.write(`demo: sending ${cfg.DEMO_EVENTS} generated events to ${RAW} at ${cfg.DEMO_RATE}/s (seed ${cfg.DEMO_SEED})\n`);

const report = async (): Promise<void> => {
  const now = await endOffsets();
  const grown = topics.map((t) => [t, (now.get(t) ?? 0) - (base.get(t) ?? 0)] as const).filter(([, n]) => n > 0);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`  t=${secs}s sent ${sent}  |  ${grown.map(([t, n]) => `${t} +${n}`).join('  ') || 'no topic has grown yet'}\n`);
};
const ticker = setInterval(() => void report(), 1000);

const perTick = Math.max(1, Math.round(cfg.DEMO_RATE / 10));
while (sent < cfg.DEMO_EVENTS) {
  const tickStart = Date.now();
  const batch = generator.batch(Math.min(perTick, cfg.DEMO_EVENTS - sent));
  const messages = await Promise.all(batch.map(async ({ event, key }) => {
    byType.set(event.eventType, (byType.get(event.eventType) ?? 0) + 1);
    return { key, value: await serde.encode(`${RAW}-value`, event) };
  }));
  await producer.send({ topic: RAW, acks: -1, messages });
  sent += messages.length;
  const wait = 100 - (Date.now() - tickStart);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
clearInterval(ticker);
await report();
process.stdout.write(`demo: ${sent} events acknowledged by Kafka (acks=all) in ${((Date.now() - started) / 1000).toFixed(1)}s; by type:\n`);
for (const [type, n] of [...byType].sort()) process.stdout.write(`  ${type.padEnd(22)} ${n}\n`);
// One event as upstream sent it (synthetic data), so a newcomer sees what the stages start from.
const sample = generator.ofType('INCIDENT_REPORT').event;
process.stdout.write(`sample raw event (synthetic):\n${JSON.stringify(sample, null, 2)}\n`);
await Promise.all([producer.disconnect(), admin.disconnect()]);
