// Risk-scorer latency, against the local stack: from the produce ack of each risk event to its
// alert being readable (read_committed) on the alert topic. ≥ 10,000 risk events (each a missing-
// child report of a fresh child, so each opens exactly one alert) at a sustained ≥ 1,000 events/s,
// while generated mixed traffic (≈ 1,000 events/s, all ten event types) flows into the same raw topic
// and the real analytics chain consumes it: classifier → encryptor → pseudonymizer, each its own
// process and group on the bench's own topics, the encryptor on the same key store. The
// scorer runs as its own process with its production defaults (FETCH_MAX_WAIT_MS 10, 64 KiB batches,
// RECORD_CONCURRENCY 32, exactly-once), the chain at a lower OS priority (BENCH_ANALYTICS_NICE, 10).
// Bounded: produce phase N / rate seconds, then at most 30 s to drain.
// Identity envelopes are sealed under each child's DEK in a private key store. The children's DEKs
// are created before the clock starts, as the encryptor creates them from a child's first events:
// creating DEKs is a PostgreSQL transaction per batch of new subjects (reported as risk_dek_create_per_s), a
// cost of a child's first event ever, not of the alert path measured here. The scorer still loads
// and unwraps every child's DEK once (cold cache) inside the measured window.
// Run alone: node --import tsx --conditions=source test/bench/risk-latency.ts
// Knobs: BENCH_RISK_EVENTS (10000), BENCH_RISK_RATE (1000 /s), BENCH_BACKGROUND_RATE (1000 /s),
// BENCH_ANALYTICS_NICE (10; 0 = the chain competes with the scorer on equal terms), BENCH_ANALYTICS (0 = no
// chain: the latency floor of this machine with the driver and the stack only), BENCH_SCORER_CPU_PROF
// (a directory: the scorer writes a V8 CPU profile there when it stops), BENCH_SCORER_DELIVERY (the
// scorer's DELIVERY_MODE, exactly-once by default; at-least-once measures what the transactions cost).
// Besides the latencies: the scorer's CPU time per consumed event and cores, and the machine's busy
// share over the same window (test/bench/proc-cpu.ts), which say whether the host was saturated, and
// the cores the broker, this driver and the analytics chain took meanwhile (where the machine went).
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Message } from 'kafkajs';
import type { ChildSafetyAlert, RawEvent } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import { missing } from '../../services/risk-scorer/test/scenario-events.js';
import { cpuWindow, optionalCpuSeconds } from './proc-cpu.js';
import { stackStateDir } from '../support/stack.js';
import { dropRedisPrefix, privateKeyStore, startRiskScorer, type PrivateKeyStore, type ScorerProcess } from '../../services/risk-scorer/test/stage-process.js';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, exitWithin, killHard, registerSchema, serdeFor, startServiceProcess, uniqueName, waitFor, type StageProcess,
} from '../integration/helpers/stream-fixtures.js';

const TICK_MS = 10;

/** Sets the nice value of every thread of `pid` (Linux: /proc/<pid>/task); a thread that exits meanwhile (ESRCH) is skipped, any other failure (EPERM) thrown. */
function reniceThreads(pid: number, nice: number): void {
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      setPriority(Number(tid), nice);
    } catch (err) {
      // os.setPriority throws a SystemError whose info.code is the errno name.
      if ((err as { info?: { code?: string } }).info?.code !== 'ESRCH') throw err;
    }
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Runs the latency benchmark; returns risk_latency_p50_ms / _p99_ms / _max_ms and the achieved rates. */
export async function runRiskLatencyBench(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_RISK_EVENTS ?? 10_000);
  const rate = Number(process.env.BENCH_RISK_RATE ?? 1000);
  const backgroundRate = Number(process.env.BENCH_BACKGROUND_RATE ?? 1000);
  const kafka = createKafka('cwp-bench-risk');
  const admin = kafka.admin();
  await admin.connect();
  const serde = serdeFor();
  const input = uniqueName('bench.risk.raw');
  const alerts = uniqueName('bench.risk.alerts');
  const security = uniqueName('bench.risk.security');
  const chain = ['classifier', 'encryptor', 'pseudonymizer'] as const;
  const withChain = process.env.BENCH_ANALYTICS !== '0';
  const chainOut = chain.map((c) => uniqueName(`bench.risk.${c}`));
  const chainGroups = chain.map((c) => uniqueName(`bench.risk.${c}`));
  const topics = [input, `${input}.dlq`, alerts, security, ...chainOut, ...chainOut.map((t) => `${t}.dlq`)];
  const subjects = [`${input}-value`, `${alerts}-value`, `${security}-value`];
  const redisPrefix = `bench-risk-${randomBytes(4).toString('hex')}`;
  let scorer: ScorerProcess | undefined;
  let keyStore: PrivateKeyStore | undefined;
  const analytics: StageProcess[] = [];
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const reader = kafka.consumer({ groupId: uniqueName('bench.risk.reader'), readUncommitted: false, maxWaitTimeInMs: 10, minBytes: 1, sessionTimeout: 10_000 });
  try {
    await createTopics(admin, [{ topic: input, partitions: 6 }, { topic: `${input}.dlq`, partitions: 1 }, { topic: alerts, partitions: 3 }, { topic: security, partitions: 1 },
      ...chainOut.map((topic) => ({ topic, partitions: 6 })), ...chainOut.map((t) => ({ topic: `${t}.dlq`, partitions: 1 }))]);
    await registerSchema('cwp.events.RawEvent', `${input}-value`);
    await registerSchema('cwp.alerts.ChildSafetyAlert', `${alerts}-value`);
    await registerSchema('cwp.alerts.SecurityAlert', `${security}-value`);

    // Encode everything before the clock starts.
    const encode = async (events: RawEvent[]): Promise<(Message & { id: string })[]> =>
      Promise.all(events.map(async (e) => ({ id: e.eventId, key: e.subjectId, value: await serde.encode(`${input}-value`, e) })));
    const now = Date.now();
    const warmupEvents = Array.from({ length: 200 }, () => missing(`BENCH-${randomUUID()}`, now));
    const riskEvents = Array.from({ length: n }, () => missing(`BENCH-${randomUUID()}`, now));
    const backgroundCount = Math.ceil((n / rate) * backgroundRate) + backgroundRate;
    const backgroundEvents = createGenerator({ seed: `bench-${randomBytes(4).toString('hex')}` }).batch(backgroundCount).map((g) => g.event);
    keyStore = await privateKeyStore('bench_risk');
    // Every child's DEK exists before the clock starts, the background children's too (their risk
    // events alert as well): the encryptor creates a child's DEK from the child's first event.
    const backgroundChildren = [...new Set(backgroundEvents.filter((e) => e.subjectType === 'CHILD').map((e) => e.subjectId))];
    const dekCreatePerS = await keyStore.ensureDeks([...warmupEvents, ...riskEvents].map((e) => e.subjectId).concat(backgroundChildren));
    const warmup = await encode(warmupEvents);
    const risk = await encode(riskEvents);
    const background = await encode(backgroundEvents);

    const seenAt = new Map<string, number>();
    // Where the time goes: the scorer stamps createdAt (epoch ms, same machine clock) when it scores.
    const scoredAt = new Map<string, number>();
    await reader.connect();
    await reader.subscribe({ topic: alerts, fromBeginning: true });
    await reader.run({
      eachBatch: async ({ batch }) => {
        const t = performance.now();
        for (const m of batch.messages) {
          if (!m.value) continue;
          const a = (await serde.decode<ChildSafetyAlert>(m.value)).value;
          if (!seenAt.has(a.triggeringEventId)) seenAt.set(a.triggeringEventId, t);
          if (!scoredAt.has(a.triggeringEventId)) scoredAt.set(a.triggeringEventId, a.createdAt - performance.timeOrigin);
        }
      },
    });
    await producer.connect();

    const env = {
      ...keyStore.env, INPUT_TOPIC: input, ALERT_TOPIC: alerts, SECURITY_TOPIC: security, GROUP_ID: uniqueName('bench.risk.scorer'),
      REDIS_KEY_PREFIX: redisPrefix, PSEUDONYM_SECRET: randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...(process.env.BENCH_SCORER_DELIVERY ? { DELIVERY_MODE: process.env.BENCH_SCORER_DELIVERY } : {}),
    };
    const profileDir = process.env.BENCH_SCORER_CPU_PROF;
    scorer = startRiskScorer(env, 'bench-risk-scorer', profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    // The analytics chain, production entries and defaults, on the bench's topics (BENCH_ANALYTICS=0:
    // none, the scorer's latency floor on this machine with only the driver and the stack beside it).
    if (withChain) chain.forEach((c, i) => {
      analytics.push(startServiceProcess(`services/${c}/src/main.ts`, {
        ...(c === 'encryptor' ? keyStore!.env : {}), INPUT_TOPIC: i === 0 ? input : chainOut[i - 1]!, OUTPUT_TOPIC: chainOut[i]!, GROUP_ID: chainGroups[i]!, LOG_LEVEL: 'warn',
      }, `bench-risk-${c}`));
    });
    // The scorer comes first for the CPU, as its deployment asks (a dedicated, guaranteed CPU share;
    // the analytics stages may lag): on this shared machine that is the chain's lower OS priority.
    // BENCH_ANALYTICS_NICE=0 measures both at equal priority.
    const nice = Number(process.env.BENCH_ANALYTICS_NICE ?? 10);
    // setpriority(2) on a pid sets one thread: every thread of the process is reniced (V8's GC and
    // compiler threads exist from start-up), now and once the chain is up; later threads inherit it.
    const renice = (): void => {
      for (const p of analytics) {
        if (p.child.exitCode !== null || p.child.signalCode !== null || p.child.pid === undefined) throw new Error(`an analytics stage exited early (see ${p.logFile})`);
        reniceThreads(p.child.pid, nice);
      }
    };
    renice();

    // Warm-up: the scorer is up, assigned and JIT-warm once these alerts are readable.
    await producer.send({ topic: input, acks: -1, messages: warmup });
    await waitFor('warm-up alerts', () => warmup.every((m) => seenAt.has(m.id)), 120_000, 50);
    // ... and the chain is up: each stage committed past the warm-up events on its input (the
    // pseudonymizer withholds events without analytics consent, so its output may stay empty).
    const chainInputs = [input, chainOut[0]!, chainOut[1]!];
    if (withChain) await waitFor('the analytics chain', async () => {
      const committed = await Promise.all(chainGroups.map((groupId, i) => admin.fetchOffsets({ groupId, topics: [chainInputs[i]!] })));
      return committed.every((c) => (c[0]?.partitions ?? []).some((p) => Number(p.offset) > 0));
    }, 180_000, 500);
    renice();

    const ackAt = new Map<string, number>();
    const inFlight: Promise<void>[] = [];
    const send = (batch: (Message & { id: string })[], record: boolean): void => {
      if (batch.length === 0) return;
      inFlight.push(producer.send({ topic: input, acks: -1, messages: batch }).then(() => {
        const t = performance.now();
        if (record) for (const m of batch) ackAt.set(m.id, t);
      }));
    };
    const t0 = performance.now();
    const scorerCpu = cpuWindow(scorer.child.pid!);
    // Where the machine's two cores go meanwhile: the broker, this driver, the analytics chain.
    // A figure that cannot be read (a broker not started by infra/local, a stage that exited) is left out.
    const brokerCpu = optionalCpuSeconds(() => Number(readFileSync(join(stackStateDir(), 'run', 'kafka.pid'), 'utf8').trim()));
    const driverCpu = cpuWindow(process.pid);
    const chainCpu = analytics.map((p) => optionalCpuSeconds(() => p.child.pid!));
    let sentRisk = 0;
    let sentBackground = 0;
    while (sentRisk < n) {
      const elapsed = performance.now() - t0;
      const dueRisk = Math.min(n, Math.floor((elapsed / 1000) * rate) + 1);
      const dueBackground = Math.min(background.length, Math.floor((elapsed / 1000) * backgroundRate) + 1);
      send(background.slice(sentBackground, dueBackground), false);
      sentBackground = Math.max(sentBackground, dueBackground);
      send(risk.slice(sentRisk, dueRisk), true);
      sentRisk = Math.max(sentRisk, dueRisk);
      await sleep(TICK_MS);
    }
    await Promise.all(inFlight);
    const produceSeconds = (performance.now() - t0) / 1000;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !risk.every((m) => seenAt.has(m.id))) await sleep(50);
    const cpu = scorerCpu();
    const brokerSeconds = brokerCpu();
    const driverSeconds = driverCpu().cpuSeconds;
    const chainParts = chainCpu.map((w) => w());
    const chainSeconds = chainParts.every((x) => x !== undefined) ? chainParts.reduce((a: number, x) => a + x, 0) : undefined;
    const windowSeconds = (performance.now() - t0) / 1000;
    // How far the analytics chain got meanwhile (it may lag; the scorer must not): the share of the
    // raw topic the classifier had committed when the last alert was read.
    const sum = (xs: readonly { offset: string }[]): number => xs.reduce((a, x) => a + Math.max(0, Number(x.offset)), 0);
    const rawEnd = sum((await admin.fetchTopicOffsets(input)).map((p) => ({ offset: p.high })));
    const classified = withChain ? sum((await admin.fetchOffsets({ groupId: chainGroups[0]!, topics: [input] }))[0]?.partitions ?? []) : 0;

    const latencies = risk.flatMap((m) => {
      const a = ackAt.get(m.id);
      const s = seenAt.get(m.id);
      return a === undefined || s === undefined ? [] : [Math.max(0, s - a)];
    }).sort((x, y) => x - y);
    const toScoring = risk.flatMap((m) => {
      const a = ackAt.get(m.id);
      const s = scoredAt.get(m.id);
      return a === undefined || s === undefined ? [] : [Math.max(0, s - a)];
    }).sort((x, y) => x - y);
    const missingAlerts = n - latencies.length;
    if (missingAlerts > 0) throw new Error(`${missingAlerts} of ${n} risk events raised no readable alert within 30 s of the produce phase (see .local/logs/bench-risk-scorer.log)`);
    const round = (x: number) => Number(x.toFixed(1));
    return {
      risk_latency_p50_ms: round(percentile(latencies, 50)),
      risk_latency_p99_ms: round(percentile(latencies, 99)),
      risk_latency_max_ms: round(latencies[latencies.length - 1] ?? Number.NaN),
      // Breakdown: ack → the scorer scoring the event (queueing, fetch, transform up to the alert's
      // createdAt); the rest is sealing, encoding, the transaction commit and the reader's fetch.
      risk_latency_to_scoring_p50_ms: round(percentile(toScoring, 50)),
      risk_latency_to_scoring_p99_ms: round(percentile(toScoring, 99)),
      risk_latency_events: n,
      // CPU from the first send to the last alert read: the scorer process (all threads) per event it
      // consumed (risk + background), its cores, and how busy the whole machine was meanwhile.
      risk_scorer_cpu_us_per_event: Math.round((cpu.cpuSeconds * 1e6) / Math.max(1, n + sentBackground)),
      risk_scorer_cpu_cores: Number((cpu.cpuSeconds / windowSeconds).toFixed(2)),
      risk_host_cpu_busy_fraction: Number(cpu.hostBusyFraction.toFixed(3)),
      ...(brokerSeconds === undefined ? {} : { risk_broker_cpu_cores: Number((brokerSeconds / windowSeconds).toFixed(2)) }),
      risk_bench_driver_cpu_cores: Number((driverSeconds / windowSeconds).toFixed(2)),
      ...(chainSeconds === undefined ? {} : { risk_analytics_chain_cpu_cores: Number((chainSeconds / windowSeconds).toFixed(2)) }),
      risk_analytics_nice: nice,
      risk_analytics_raw_consumed_fraction: Number((classified / Math.max(1, rawEnd)).toFixed(3)),
      risk_latency_risk_events_per_s: Math.round(n / produceSeconds),
      risk_latency_background_events_per_s: Math.round(sentBackground / produceSeconds),
      risk_dek_create_per_s: Math.round(dekCreatePerS),
    };
  } finally {
    // The scorer stops gracefully (with BENCH_SCORER_CPU_PROF it writes its profile on exit), else hard.
    scorer?.child.kill('SIGTERM');
    if (scorer) await exitWithin(scorer, 10_000);
    await killHard(scorer);
    for (const p of analytics) await killHard(p);
    await reader.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await deleteTopics(admin, topics);
    await deleteSubjects(...subjects);
    await admin.disconnect();
    await keyStore?.drop();
    // A cleanup failure is reported, never in place of the run's own error.
    await dropRedisPrefix(redisPrefix).catch((err: unknown) => process.stderr.write(`bench: Redis keys under ${redisPrefix} not deleted: ${String(err)}\n`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runRiskLatencyBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
}
