// Ingestion and classification benchmark, against the local stack:
// - gateway_events_per_s: generated events POSTed to /v1/events over loopback HTTP in batches, a few
//   requests in flight, each answered 202 only after Kafka acknowledged with acks=all. The gateway
//   runs in-process (its build(), as the integration fixture builds it) with its own topic, schemas
//   and a freshly created source credential; the count on the topic is checked after the run.
// - classifier_ratio_to_passthrough: the classifier stage's records/s over the passthrough stage's
//   records/s on the same pre-loaded generated raw events, both exactly-once, in the same run, timed
//   the same way (first to last commit). Consent is read from the fixture's PostgreSQL registry.
// Run alone: node --import tsx --conditions=source test/bench/ingest.ts
// Knobs: BENCH_GATEWAY_EVENTS (20000), BENCH_GATEWAY_BATCH (500), BENCH_GATEWAY_CONCURRENCY (4),
// BENCH_CLASSIFIER_N (6000), BENCH_INGEST_MAX_BYTES_PER_PARTITION (65536, both stages).
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadSchemaCatalog } from '@cwp/avro';
import { createClassifier, createConsentReader, planFields } from '@cwp/classifier';
import { createLogger } from '@cwp/observability';
import { createStage, loadStageConfig } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import { createGatewayFixture, toBody, type GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, produceEvents, registerSchema, serdeFor, uniqueName } from '../integration/helpers/stream-fixtures.js';
import { timeCommits, timePassthrough } from './stream-runtime.js';

const PARTITIONS = 6;

/** POSTs every body with `concurrency` requests in flight; throws on any answer but 202 with all ids accepted. */
async function postAll(url: string, authorization: string, bodies: readonly { json: string; count: number }[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      if (body === undefined) return;
      const res = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: body.json });
      const text = await res.text();
      if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Batched POSTs to an in-process gateway over loopback; events/s from the first request to the last 202. */
async function benchGateway(fx: GatewayFixture): Promise<{ eventsPerS: number; events: number; avgBodyBytes: number }> {
  const n = Number(process.env.BENCH_GATEWAY_EVENTS ?? 20_000);
  const batch = Number(process.env.BENCH_GATEWAY_BATCH ?? 500);
  const concurrency = Number(process.env.BENCH_GATEWAY_CONCURRENCY ?? 4);
  const { authorization } = await fx.createSource('registri-anak');
  await fx.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}/v1/events`;

  // Serialise every body before the clock starts; the warm-up batch opens the producer and pools.
  const generator = createGenerator({ seed: `bench-gateway-${fx.id}` });
  const toBodies = (count: number): { json: string; count: number }[] =>
    Array.from({ length: Math.ceil(count / batch) }, (_, i) => {
      const events = generator.batch(Math.min(batch, count - i * batch)).map((g) => toBody(g.event));
      return { json: JSON.stringify({ events }), count: events.length };
    });
  const warmup = toBodies(batch);
  const bodies = toBodies(n);
  await postAll(url, authorization, warmup, 1);

  const t0 = performance.now();
  await postAll(url, authorization, bodies, concurrency);
  const seconds = (performance.now() - t0) / 1000;

  const stored = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  if (stored !== n + batch) throw new Error(`the gateway topic holds ${stored} records, expected ${n + batch}`);
  const avgBodyBytes = Math.round(bodies.reduce((s, b) => s + Buffer.byteLength(b.json), 0) / bodies.length);
  return { eventsPerS: n / seconds, events: n, avgBodyBytes };
}

/** Classifier stage vs passthrough stage over the same pre-loaded raw events; both records/s. */
async function benchClassifier(fx: GatewayFixture): Promise<{ classifier: number; passthrough: number; records: number }> {
  const n = Number(process.env.BENCH_CLASSIFIER_N ?? 6_000);
  const kafka = createKafka('cwp-bench-classifier');
  const admin = kafka.admin();
  await admin.connect();
  const input = uniqueName('bench.classifier.in');
  const output = uniqueName('bench.classifier.out');
  const groupId = uniqueName('bench.classifier');
  const subjects = [`${input}-value`, `${output}-value`];
  try {
    await createTopics(admin, [{ topic: input, partitions: PARTITIONS }, { topic: `${input}.dlq`, partitions: 1 }, { topic: output, partitions: PARTITIONS }]);
    await registerSchema('cwp.events.RawEvent', `${input}-value`);
    await registerSchema('cwp.events.ClassifiedEvent', `${output}-value`);
    const events = createGenerator({ seed: `bench-classifier-${fx.id}` }).batch(n).map((g) => g.event);
    await produceEvents(kafka, serdeFor(), input, events);

    // Both stages get the same fetch size, small enough that n records make many transactions
    // (first-to-last-commit timing needs more than one batch per partition).
    const stageEnv = { MAX_BYTES_PER_PARTITION: process.env.BENCH_INGEST_MAX_BYTES_PER_PARTITION ?? '65536' };
    const passthrough = await timePassthrough(admin, input, `${input}-value`, n, 'exactly-once', stageEnv);

    const config = loadStageConfig({}, { ...process.env, DELIVERY_MODE: 'exactly-once', METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...stageEnv });
    const stage = createStage({
      name: 'classifier-bench', groupId, input: { topic: input, subject: `${input}-value` }, outputs: [{ topic: output, subject: `${output}-value` }],
      transform: createClassifier({
        plan: planFields(loadSchemaCatalog().resolve('cwp.events.RawEvent')),
        consent: createConsentReader(fx.pool, fx.config.GATEWAY_DB_SCHEMA),
        outputTopic: output,
      }),
      config, logger: createLogger({ service: 'classifier-bench', level: process.env.BENCH_LOG_LEVEL ?? 'warn' }),
    });
    let classifier: number;
    try {
      await stage.start();
      classifier = await timeCommits(admin, groupId, input, n, 'classifier');
    } finally {
      await stage.stop();
    }
    return { classifier, passthrough, records: n };
  } finally {
    await deleteTopics(admin, [input, `${input}.dlq`, output]);
    await deleteSubjects(...subjects);
    await admin.disconnect();
  }
}

/** Runs the ingestion benchmarks: gateway_events_per_s and classifier_ratio_to_passthrough (with their inputs). */
export async function runIngestBench(): Promise<Record<string, number>> {
  const fx = await createGatewayFixture({
    GATEWAY_RATE_PER_S: '1000000', GATEWAY_RATE_BURST: '1000000', GATEWAY_MAX_BATCH: String(process.env.BENCH_GATEWAY_BATCH ?? 500),
    GATEWAY_MAX_BODY_BYTES: String(32 * 1024 * 1024),
  });
  try {
    const gateway = await benchGateway(fx);
    const stages = await benchClassifier(fx);
    return {
      gateway_events_per_s: Math.round(gateway.eventsPerS),
      gateway_bench_events: gateway.events,
      gateway_bench_avg_body_bytes: gateway.avgBodyBytes,
      classifier_records_per_s: Math.round(stages.classifier),
      classifier_bench_passthrough_records_per_s: Math.round(stages.passthrough),
      classifier_ratio_to_passthrough: Number((stages.classifier / stages.passthrough).toFixed(3)),
      classifier_bench_records: stages.records,
    };
  } finally {
    await fx.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runIngestBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
}
