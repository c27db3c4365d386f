// Stream-runtime benchmark, against the local stack:
// - passthrough_records_per_s: N generated events pre-loaded into a 6-partition topic, time for
//   the passthrough stage (exactly-once, the default) to move them all (first to last commit);
// - passthrough_at_least_once_records_per_s: the same stage, same data, idempotent producer and
//   plain offset commits, so the cost of transactions is measured in the same run;
// - kafka_perf_producer_records_per_s: Kafka's ProducerPerformance on the same broker with the
//   average encoded record size: the ceiling a Node stage is compared with.
// Run alone: node --import tsx --conditions=source test/bench/stream-runtime.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { createStage, loadStageConfig, type Transform } from '@cwp/stream-runtime';
import { createLogger } from '@cwp/observability';
import { createPassthrough } from '@cwp/passthrough';
import { stackSasl } from '../support/stack.js';
import {
  ROOT, BROKERS, createKafka, createTopics, deleteSubjects, deleteTopics, generateEvents, produceRaw, registerProbeSchema, serdeFor, uniqueName,
} from '../integration/helpers/stream-fixtures.js';

const PARTITIONS = 6;

/** Sum of the committed offsets of `groupId` on `topic` (records the group has finished). */
export async function committedSum(admin: Admin, groupId: string, topic: string): Promise<number> {
  const res = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (res[0]?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
}

/**
 * Waits until `groupId` has committed all `n` records of `input`; records/s from its first commit
 * to the last (start-up and the first batch excluded). Throws after BENCH_TIMEOUT_MS (300 s).
 */
export async function timeCommits(admin: Admin, groupId: string, input: string, n: number, label: string): Promise<number> {
  let t0 = 0;
  let atT0 = 0;
  const deadline = Date.now() + Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
  for (;;) {
    const done = await committedSum(admin, groupId, input);
    if (t0 === 0 && done > 0) { t0 = performance.now(); atT0 = done; }
    if (done >= n) return ((n - atT0) / (performance.now() - t0)) * 1000;
    if (Date.now() > deadline) {
      const per = (await admin.fetchOffsets({ groupId, topics: [input] }))[0]?.partitions.map((p) => `${p.partition}:${p.offset}`).join(' ');
      throw new Error(`${label} committed only ${done} of ${n} records in time (committed ${per})`);
    }
    await sleep(25);
  }
}

/**
 * Runs one stage in-process over `input` until all `n` records are committed; records/s from its
 * first commit on (timeCommits). Exactly-once unless `env` overrides DELIVERY_MODE or other settings.
 */
export async function timeStage(
  admin: Admin, name: string, input: string, inputSubject: string, output: string, outputSubject: string, n: number, transform: Transform<never>,
  env: Record<string, string> = {},
): Promise<number> {
  const groupId = uniqueName(`bench.${name}`);
  const config = loadStageConfig({}, { ...process.env, DELIVERY_MODE: 'exactly-once', MAX_BYTES_PER_PARTITION: process.env.BENCH_MAX_BYTES_PER_PARTITION ?? '1048576', METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
  const stage = createStage({
    name: `${name}-bench`, groupId, input: { topic: input, subject: inputSubject }, outputs: [{ topic: output, subject: outputSubject }],
    transform, config, serde: serdeFor(), logger: createLogger({ service: `${name}-bench`, level: process.env.BENCH_LOG_LEVEL ?? 'warn' }),
  });
  try {
    await stage.start();
    return await timeCommits(admin, groupId, input, n, name);
  } finally {
    await stage.stop();
  }
}

/** Runs the passthrough stage in-process over `input` until all `n` records are committed; records/s. `env` overrides stage settings. */
export async function timePassthrough(admin: Admin, input: string, subject: string, n: number, mode: 'exactly-once' | 'at-least-once', env: Record<string, string> = {}): Promise<number> {
  const output = uniqueName(`bench.passthrough.${mode}.out`);
  await createTopics(admin, [{ topic: output, partitions: PARTITIONS }]);
  try {
    return await timeStage(admin, `passthrough-${mode}`, input, subject, output, subject, n, createPassthrough(output, subject), { DELIVERY_MODE: mode, ...env });
  } finally {
    await deleteTopics(admin, [output]);
  }
}

/** Java client properties that sign in as `sasl` (the stack's super user) with SCRAM-SHA-256 (same cost as the stages' own users). */
function saslProducerProps(sasl: ReturnType<typeof stackSasl>): string[] {
  if (!sasl) return [];
  return ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-256',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${sasl.username}" password="${sasl.password}";`];
}

/**
 * Kafka's own ProducerPerformance (acks=all) with `recordSize`-byte records; its records/s. The
 * client properties go in a private file (--producer.config, mode 0600, removed after): a JAAS line
 * holds '=' signs that --producer-props cannot parse, and a password must not sit on a command line.
 * Its output is reported with the password masked.
 */
function kafkaPerfProducer(topic: string, n: number, recordSize: number): number {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  const dir = mkdtempSync(join(tmpdir(), 'cwp-perf-'));
  const propsFile = join(dir, 'producer.properties');
  const sasl = stackSasl();
  writeFileSync(propsFile, `${[`bootstrap.servers=${BROKERS.join(',')}`, 'acks=all', ...saslProducerProps(sasl)].join('\n')}\n`, { mode: 0o600 });
  try {
    const res = spawnSync(java, [
      '-cp', `${ROOT}.local/cache/kafka-3.9.2/libs/*`, `-Dlog4j.configuration=file:${ROOT}infra/local/kafka/tools-log4j.properties`,
      'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(n), '--record-size', String(recordSize),
      '--throughput', '-1', '--producer.config', propsFile,
    ], { encoding: 'utf8', timeout: 300_000 });
    // The final line: "N records sent, R records/sec (M MB/sec), ... avg latency, ... max latency, percentiles".
    const last = res.stdout.trim().split('\n').pop() ?? '';
    const m = /records sent, ([\d.]+) records\/sec/.exec(last);
    if (res.status !== 0 || !m) {
      const output = `${res.stderr.slice(-1000)}${last}`;
      throw new Error(`ProducerPerformance failed (exit ${res.status}): ${sasl ? output.split(sasl.password).join('[redacted]') : output}`);
    }
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the stream-runtime benchmarks. BENCH_PASSTHROUGH_N: events (default 50,000);
 * BENCH_MAX_BYTES_PER_PARTITION: fetch size, i.e. records per transaction (default 1 MiB ≈ 3,000).
 */
export async function runStreamRuntimeBench(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_PASSTHROUGH_N ?? 50_000);
  const kafka = createKafka('cwp-bench');
  const admin = kafka.admin();
  await admin.connect();
  const input = uniqueName('bench.passthrough.in');
  const perfTopic = uniqueName('bench.perf');
  const subject = `${input}-value`;
  try {
    await createTopics(admin, [{ topic: input, partitions: PARTITIONS }, { topic: `${input}.dlq`, partitions: 1 }, { topic: perfTopic, partitions: PARTITIONS }]);
    await registerProbeSchema(subject);
    const serde = serdeFor();
    const events = generateEvents(n);
    const messages = await Promise.all(events.map(async (e) => ({ key: e.subjectId, value: await serde.encode(subject, e) })));
    const avgBytes = Math.round(messages.reduce((s, m) => s + m.value.length, 0) / messages.length);
    await produceRaw(kafka, input, messages);

    const eos = await timePassthrough(admin, input, subject, n, 'exactly-once');
    const alo = await timePassthrough(admin, input, subject, n, 'at-least-once');
    const perf = kafkaPerfProducer(perfTopic, n, avgBytes);
    return {
      passthrough_records_per_s: Math.round(eos),
      passthrough_at_least_once_records_per_s: Math.round(alo),
      passthrough_transactions_cost_ratio: Number((alo / eos).toFixed(3)),
      kafka_perf_producer_records_per_s: Math.round(perf),
      passthrough_vs_kafka_perf_ratio: Number((eos / perf).toFixed(3)),
      passthrough_bench_records: n,
      passthrough_bench_avg_record_bytes: avgBytes,
    };
  } finally {
    await deleteTopics(admin, [input, `${input}.dlq`, perfTopic]);
    await deleteSubjects(subject);
    await admin.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runStreamRuntimeBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
}
