// Shared fixtures of the stream-runtime integration tests: unique topics and groups, the raw
// event schema, producing generated events, reading topics read_committed, running the passthrough
// stage as a child process, and restarting only Kafka. Everything here talks to the real stack.
import { randomInt } from 'node:crypto';
import { REPO_ROOT, serviceEntryArgs, stackEnv, stackSaslOption, stackStateDir, uniqueName } from '../../support/stack.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { createSerde, type Serde } from '@cwp/registry';
import { AVRO_OPTIONS, loadSchemaCatalog } from '@cwp/avro';
import type { RawEvent } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';

// Connection settings and unique names come from the one place every test reads them.
export { uniqueName };
export const ROOT = REPO_ROOT;
export const BROKERS = stackEnv().kafkaBrokers;
export const REGISTRY_URL = stackEnv().registryUrl.replace(/\/$/, '');

export function createKafka(clientId = 'cwp-it'): Kafka {
  return new kafkajs.Kafka({ clientId, brokers: BROKERS, ...stackSaslOption(), logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 3000 } });
}

/** The events the runtime tests move: generated raw events (events.raw.v1's schema). */
export type ProbeEvent = RawEvent;

/** Registers the raw event schema under each subject (Confluent API). */
export async function registerProbeSchema(...subjects: string[]): Promise<void> {
  await registerSchema('cwp.events.RawEvent', ...subjects);
}

/** Registers the schema of record `fullName` (from schemas/) under each subject. */
export async function registerSchema(fullName: string, ...subjects: string[]): Promise<void> {
  await registerSchemaJson(loadSchemaCatalog().resolve(fullName), ...subjects);
}

/** Registers a schema given as JSON (e.g. an evolved version of a catalog schema) under each subject; returns nothing, throws on refusal. */
export async function registerSchemaJson(json: unknown, ...subjects: string[]): Promise<void> {
  const schema = JSON.stringify(json);
  for (const subject of subjects) {
    const res = await fetch(`${REGISTRY_URL}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ schema }),
    });
    if (!res.ok) throw new Error(`registering ${subject}: ${res.status} ${await res.text()}`);
  }
}

/** Deletes test subjects (soft then hard); errors ignored. */
export async function deleteSubjects(...subjects: string[]): Promise<void> {
  for (const subject of subjects) {
    for (const q of ['', '?permanent=true']) await fetch(`${REGISTRY_URL}/subjects/${encodeURIComponent(subject)}${q}`, { method: 'DELETE' }).catch(() => undefined);
  }
}

/** `n` generated raw events (seeded from crypto randomness so runs differ), keyed by subjectId. */
export function generateEvents(n: number): ProbeEvent[] {
  return createGenerator({ seed: randomInt(2 ** 31) }).batch(n).map((g) => g.event);
}

/**
 * Creates test topics without time retention. Tests produce records stamped with their event time
 * (months back, so windows close), and stages keep the input timestamp on their outputs: under the
 * broker's 7-day default the retention check (every 5 min) deletes those segments at a random
 * moment, and a restarted consumer or a second read then finds an empty log. Tests delete their
 * topics themselves.
 */
export async function createTopics(admin: Admin, topics: { topic: string; partitions: number }[]): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] })),
  });
}

export async function deleteTopics(admin: Admin, topics: string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 15_000 }).catch(() => undefined);
}

/** Produces raw values (already encoded) keyed as given, in chunks, acks=all, non-transactional. */
export async function produceRaw(kafka: Kafka, topic: string, messages: { key: string | null; value: Buffer; headers?: IHeaders }[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 1000) await producer.sendBatch({ topicMessages: [{ topic, messages: messages.slice(i, i + 1000) }], acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** Encodes events with the registry serde and produces them keyed by subjectId. */
export async function produceEvents(kafka: Kafka, serde: Serde, topic: string, events: ProbeEvent[]): Promise<void> {
  const subject = `${topic}-value`;
  const messages = await Promise.all(events.map(async (e) => ({ key: e.subjectId, value: await serde.encode(subject, e) })));
  await produceRaw(kafka, topic, messages);
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/**
 * Reads `topic` from the beginning with a fresh read_committed consumer until `until(records)` is
 * true and nothing new arrived for `settleMs`, or `timeoutMs` passed. Returns what it read.
 */
export async function readTopic(kafka: Kafka, topic: string, opts: { until: (records: ReadRecord[]) => boolean; timeoutMs: number; settleMs?: number }): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('it-reader'), readUncommitted: false, maxWaitTimeInMs: 200, sessionTimeout: 10_000 });
  const records: ReadRecord[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: ({ batch }) => {
        for (const m of batch.messages) records.push({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers ?? {} });
        if (batch.messages.length > 0) lastArrival = Date.now();
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + opts.timeoutMs;
    const settle = opts.settleMs ?? 1000;
    while (Date.now() < deadline) {
      if (opts.until(records) && Date.now() - lastArrival >= settle) break;
      await sleep(100);
    }
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Sum of the high watermarks of `topic` (records + transaction markers): a cheap progress probe. */
export async function highWatermarkSum(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, p) => n + Number(p.high), 0);
}

/** Decodes values and returns the eventIds with their counts. */
export async function eventIdCounts(serde: Serde, records: ReadRecord[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const { value } = await serde.decode<ProbeEvent>(r.value!);
    counts.set(value.eventId, (counts.get(value.eventId) ?? 0) + 1);
  }
  return counts;
}

export function serdeFor(): Serde {
  return createSerde({ url: REGISTRY_URL, avroOptions: AVRO_OPTIONS });
}

/** A running passthrough child process. */
/** How a child process ended: its exit code, or the signal that ended it. */
export type ProcessExit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

export interface StageProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ProcessExit>;
  readonly logFile: string;
}

/** Starts a service entry (a path under the repository) as a child process logging to .local/logs/<logName>.log. */
export function startServiceProcess(entry: string, env: Record<string, string>, logName: string): StageProcess {
  mkdirSync(`${ROOT}.local/logs`, { recursive: true });
  const logFile = `${ROOT}.local/logs/${logName}.log`;
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, serviceEntryArgs(entry), {
    cwd: ROOT,
    env: { ...process.env, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: process.env.CWP_IT_CHILD_LOG_LEVEL ?? 'info', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, logFile };
}

/** Starts services/passthrough as a child process (we kill by pid). */
export function startPassthrough(env: Record<string, string>, logName: string): StageProcess {
  return startServiceProcess('services/passthrough/src/main.ts', env, logName);
}

/** The child's exit, or null if it has not exited within `ms`; the timer is cleared either way, so it never holds the test process open. */
export async function exitWithin(p: Pick<StageProcess, 'exited'>, ms: number): Promise<ProcessExit | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.exited, new Promise<null>((r) => { timer = setTimeout(() => r(null), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGKILLs a child if still alive and waits for it. */
export async function killHard(p: StageProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

/** Waits until `check()` is true, polling; throws with `what` on timeout. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function kafkaPid(): number | null {
  try {
    const pid = Number(readFileSync(`${stackStateDir()}/run/kafka.pid`, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Stops only Kafka (SIGTERM to the pid the stack's scripts recorded) and waits until it has exited. */
export async function stopKafka(timeoutMs = 60_000): Promise<void> {
  const pid = kafkaPid();
  if (pid === null) throw new Error(`Kafka was not started by the stack's scripts (no live pid in ${stackStateDir()}/run/kafka.pid); run make up`);
  process.kill(pid, 'SIGTERM');
  await waitFor('Kafka to exit', () => { try { process.kill(pid, 0); return false; } catch { return true; } }, timeoutMs, 250);
}

/** Starts whatever of the stack is not answering with the project's script (only Kafka, here). */
export function startStack(): { status: number | null; output: string } {
  const res = spawnSync('bash', ['infra/local/up.sh'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { status: res.status, output: `${res.stdout}\n${res.stderr}` };
}
