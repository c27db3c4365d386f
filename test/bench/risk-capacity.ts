// Risk-scorer capacity: how many raw events per second the scorer process (production entry and
// defaults, real Kafka, Redis and PostgreSQL) works through when a backlog of the latency bench's mix
// is waiting for it and nothing else runs: BENCH_RISK_EVENTS missing-child reports of fresh children
// (each opens one alert) interleaved with as many generated events of all ten types. The latency
// bench offers BENCH_RISK_RATE + BENCH_BACKGROUND_RATE events/s while the analytics chain competes for
// the same two cores; once the scorer's capacity under that competition falls below the offered rate,
// queues grow for the whole window and the latency with them. risk_scorer_capacity_to_offered puts the
// two side by side (above 1 = headroom when the scorer has the machine to itself).
// The clock runs from the scorer's group becoming stable (start-up and the group join are outside it)
// to its last committed offset; over the same window, the scorer's CPU time per event and the
// machine's busy share (test/bench/proc-cpu.ts). BENCH_SCORER_CPU_PROF=<dir>: the scorer writes a V8 CPU profile
// there when it stops. Run alone: node --import tsx --conditions=source test/bench/risk-capacity.ts
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RawEvent } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import { missing } from '../../services/risk-scorer/test/scenario-events.js';
import { dropRedisPrefix, privateKeyStore, startRiskScorer, type PrivateKeyStore, type ScorerProcess } from '../../services/risk-scorer/test/stage-process.js';
import { cpuWindow } from './proc-cpu.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, exitWithin, highWatermarkSum, killHard, registerSchema, serdeFor, uniqueName } from '../integration/helpers/stream-fixtures.js';

const POLL_MS = 50;

/** Runs the drain; returns risk_scorer_capacity_events_per_s and its ratio to the latency bench's offered rate. */
export async function runRiskCapacityBench(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_RISK_EVENTS ?? 10_000);
  const offered = Number(process.env.BENCH_RISK_RATE ?? 1000) + Number(process.env.BENCH_BACKGROUND_RATE ?? 1000);
  const kafka = createKafka('cwp-bench-risk-capacity');
  const admin = kafka.admin();
  await admin.connect();
  const serde = serdeFor();
  const input = uniqueName('bench.riskcap.raw');
  const alerts = uniqueName('bench.riskcap.alerts');
  const security = uniqueName('bench.riskcap.security');
  const groupId = uniqueName('bench.riskcap.scorer');
  const topics = [input, `${input}.dlq`, alerts, security];
  const subjects = [`${input}-value`, `${alerts}-value`, `${security}-value`];
  const redisPrefix = `bench-riskcap-${randomBytes(4).toString('hex')}`;
  let scorer: ScorerProcess | undefined;
  let keyStore: PrivateKeyStore | undefined;
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await createTopics(admin, [{ topic: input, partitions: 6 }, { topic: `${input}.dlq`, partitions: 1 }, { topic: alerts, partitions: 3 }, { topic: security, partitions: 1 }]);
    await registerSchema('cwp.events.RawEvent', `${input}-value`);
    await registerSchema('cwp.alerts.ChildSafetyAlert', `${alerts}-value`);
    await registerSchema('cwp.alerts.SecurityAlert', `${security}-value`);
    const now = Date.now();
    const risk = Array.from({ length: n }, () => missing(`BENCH-${randomUUID()}`, now));
    const background = createGenerator({ seed: `bench-cap-${randomBytes(4).toString('hex')}` }).batch(n).map((g) => g.event);
    // One risk event, one background event, …: the mix the latency bench offers.
    const events: RawEvent[] = risk.flatMap((e, i) => [e, background[i]!]);
    keyStore = await privateKeyStore('bench_riskcap');
    await keyStore.ensureDeks([...new Set(events.filter((e) => e.subjectType === 'CHILD').map((e) => e.subjectId))]);
    await producer.connect();
    for (let i = 0; i < events.length; i += 500) {
      const messages = await Promise.all(events.slice(i, i + 500).map(async (e) => ({ key: e.subjectId, value: await serde.encode(`${input}-value`, e) })));
      await producer.send({ topic: input, acks: -1, messages });
    }
    const total = await highWatermarkSum(admin, input);

    scorer = startRiskScorer({
      ...keyStore.env, INPUT_TOPIC: input, ALERT_TOPIC: alerts, SECURITY_TOPIC: security, GROUP_ID: groupId,
      REDIS_KEY_PREFIX: redisPrefix, PSEUDONYM_SECRET: randomBytes(32).toString('base64'), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    }, 'bench-risk-capacity', process.env.BENCH_SCORER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SCORER_CPU_PROF}`] : []);
    const committed = async (): Promise<number> => {
      const res = await admin.fetchOffsets({ groupId, topics: [input] });
      return (res[0]?.partitions ?? []).reduce((a, p) => a + Math.max(0, Number(p.offset)), 0);
    };
    const deadline = Date.now() + 180_000;
    const check = (): void => {
      if (Date.now() > deadline) throw new Error(`the scorer did not work through ${total} events within 180 s (see .local/logs/bench-risk-capacity.log)`);
      if (scorer!.child.exitCode !== null) throw new Error('the scorer exited (see .local/logs/bench-risk-capacity.log)');
    };
    // The clock starts when the group is stable with the scorer as its member (partitions assigned).
    for (;;) {
      check();
      const group = (await admin.describeGroups([groupId])).groups[0];
      if (group?.state === 'Stable' && group.members.length > 0) break;
      await sleep(POLL_MS);
    }
    const t0 = performance.now();
    const scorerCpu = cpuWindow(scorer.child.pid!);
    let done = 0;
    while (done < total) {
      check();
      done = await committed();
      if (done < total) await sleep(POLL_MS);
    }
    const perS = total / ((performance.now() - t0) / 1000);
    const cpu = scorerCpu();
    return {
      risk_scorer_capacity_events_per_s: Math.round(perS),
      risk_scorer_capacity_to_offered: Number((perS / offered).toFixed(2)),
      // The scorer process's CPU time (all threads) per event drained, and the machine's busy share.
      risk_scorer_capacity_cpu_us_per_event: Math.round((cpu.cpuSeconds * 1e6) / total),
      risk_scorer_capacity_host_cpu_busy_fraction: Number(cpu.hostBusyFraction.toFixed(3)),
    };
  } finally {
    scorer?.child.kill('SIGTERM');
    if (scorer) await exitWithin(scorer, 10_000);
    await killHard(scorer);
    await producer.disconnect().catch(() => undefined);
    await deleteTopics(admin, topics);
    await deleteSubjects(...subjects);
    await admin.disconnect();
    await keyStore?.drop();
    await dropRedisPrefix(redisPrefix).catch((err: unknown) => process.stderr.write(`bench: Redis keys under ${redisPrefix} not deleted: ${String(err)}\n`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runRiskCapacityBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
}
