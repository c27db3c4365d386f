// Redis stopped and restarted mid-stream: the scorer pauses (retriable DependencyError → the runtime
// aborts, pauses and retries), loses no signal, and ends with exactly the state and alerts of a run
// without the outage; the outage is reported once on the security topic. Redis is stopped with
// `redis-cli shutdown` (AOF is fsynced) and restarted with infra/local/up.sh, and left running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { ChildSafetyAlert, SecurityAlert } from '@cwp/avro';
import { createPseudonymizer } from '@cwp/pseudonym';
import { createGenerator } from '@cwp/synthetic';
import {
  createKeyStoreIdentitySealer, createMemoryStateStore, createRedisStateStore, createRiskScorer, loadRules, RISK_PURPOSE, scoreConditions, STATE_EPOCH,
} from '@cwp/risk-scorer';
import { DAY } from '../../services/risk-scorer/test/scenario-events.js';
import { createMemoryKeys } from '../../services/risk-scorer/test/memory-keys.js';
import { dropRedisPrefix, privateKeyStore, startRiskScorer, type PrivateKeyStore, type ScorerProcess } from '../../services/risk-scorer/test/stage-process.js';
import {
  ROOT, createKafka, createTopics, deleteSubjects, deleteTopics, exitWithin, killHard, produceEvents, readTopic, registerSchema, serdeFor, uniqueName, waitFor,
} from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';

const kafka = createKafka('cwp-it-risk-outage');
const serde = serdeFor();
const rules = loadRules();
const redis = new URL(stackEnv().redisUrl);
const redisCli = (...args: string[]) => spawnSync('redis-cli', ['-h', redis.hostname, '-p', redis.port || '6379', ...args], { encoding: 'utf8', timeout: 10_000 });
const redisUp = (): boolean => redisCli('ping').stdout.trim() === 'PONG';
let admin: Admin;
const topics: string[] = [];
const subjects: string[] = [];
let proc: ScorerProcess | undefined;
let keyStore: PrivateKeyStore | undefined;

const redisPrefixes: string[] = [];
before(async () => { admin = kafka.admin(); await admin.connect(); });
after(async () => {
  if (!redisUp()) spawnSync('bash', ['infra/local/up.sh'], { cwd: ROOT, timeout: 180_000 });
  for (const p of redisPrefixes) await dropRedisPrefix(p);
  await killHard(proc);
  await deleteTopics(admin, topics);
  await deleteSubjects(...subjects);
  await admin.disconnect();
  await keyStore?.drop();
});

async function committed(groupId: string, topic: string): Promise<number> {
  const res = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (res[0]?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
}

// Every step has its own bounded wait that names it (their sum is under the test's limit), so a slow or hung step fails by name.
test('Redis stopped and restarted mid-stream: no signal lost, final state and alerts equal a run without the outage', { timeout: 600_000 }, async () => {
  assert.ok(redisUp(), 'Redis must be running (make up)');
  const input = uniqueName('it.risk.outage.raw');
  const alertsTopic = uniqueName('it.risk.outage.alerts');
  const security = uniqueName('it.risk.outage.security');
  await createTopics(admin, [{ topic: input, partitions: 6 }, { topic: `${input}.dlq`, partitions: 1 }, { topic: alertsTopic, partitions: 3 }, { topic: security, partitions: 1 }]);
  topics.push(input, `${input}.dlq`, alertsTopic, security);
  await registerSchema('cwp.events.RawEvent', `${input}-value`);
  await registerSchema('cwp.alerts.ChildSafetyAlert', `${alertsTopic}-value`);
  await registerSchema('cwp.alerts.SecurityAlert', `${security}-value`);
  subjects.push(`${input}-value`, `${alertsTopic}-value`, `${security}-value`);
  const secret = randomBytes(32);
  keyStore = await privateKeyStore('it_risk_outage');
  const prefix = `it-risk-outage-${randomBytes(4).toString('hex')}`;
  redisPrefixes.push(prefix);
  const groupId = uniqueName('it.risk.outage');

  const events = createGenerator({ seed: randomInt(2 ** 31), childCount: 40 }).batch(3000).map((g) => g.event);
  const half = events.length / 2;
  // The run without an outage: the same events, in order, through the transform on the in-memory contract.
  const pseudonyms = createPseudonymizer({ secret });
  const memory = createMemoryStateStore({ dedupTtlMs: 7 * DAY, maxSignals: 256 });
  const reference = createRiskScorer({ rules, store: memory, pseudonyms, sealer: createKeyStoreIdentitySealer({ keys: createMemoryKeys() }), alertTopic: 'a' });
  const expectedIds = new Set<string>();
  for (const [i, e] of events.entries()) for (const o of await reference({ key: e.subjectId, value: e, headers: {}, topic: 'in', partition: 0, offset: String(i), timestamp: 0 })) expectedIds.add((o.value as ChildSafetyAlert).alertId);

  proc = startRiskScorer({
    ...keyStore.env, INPUT_TOPIC: input, ALERT_TOPIC: alertsTopic, SECURITY_TOPIC: security, GROUP_ID: groupId, REDIS_KEY_PREFIX: prefix,
    PSEUDONYM_SECRET: secret.toString('base64'), RETRY_MAX_MS: '1000',
  }, 'it-risk-outage');
  await produceEvents(kafka, serde, input, events.slice(0, half));
  await waitFor('the first half committed', async () => (await committed(groupId, input)) === half, 90_000, 100);

  const stop = redisCli('shutdown');
  await waitFor('Redis to stop', () => !redisUp(), 20_000, 100);
  assert.notEqual(stop.status, null);
  try {
    await produceEvents(kafka, serde, input, events.slice(half));
    await sleep(4000);
    const during = await committed(groupId, input);
    assert.ok(during < events.length, `risk events wait for Redis (${during} of ${events.length} committed)`);
  } finally {
    const up = spawnSync('bash', ['infra/local/up.sh'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    assert.equal(up.status, 0, `infra/local/up.sh: ${up.stderr.slice(-500)}`);
  }
  assert.ok(redisUp());
  await waitFor('all input committed after Redis returned', async () => (await committed(groupId, input)) === events.length, 120_000, 200);

  // Same state as the run without the outage: every child's signals (order included), open alerts and scores.
  const store = createRedisStateStore({ url: stackEnv().redisUrl, keyPrefix: prefix, dedupTtlMs: 7 * DAY, maxSignals: 256, stateTtlMs: 600_000 });
  try {
    await waitFor('Redis client', async () => store.snapshot('probe').then(() => true, () => false), 10_000);
    let signals = 0;
    for (const child of new Set(events.map((e) => e.subjectId))) {
      const k = pseudonyms.pseudonym(child, RISK_PURPOSE, STATE_EPOCH);
      const [got, want] = [await store.snapshot(k), await memory.snapshot(k)];
      assert.deepEqual(got.signals, want.signals);
      assert.deepEqual(got.alerts, want.alerts);
      assert.deepEqual(scoreConditions(rules, got.signals, 'x').map((s) => s.score), scoreConditions(rules, want.signals, 'x').map((s) => s.score));
      signals += got.signals.length;
    }
    assert.ok(signals > 500, `the stream carried risk signals (${signals})`);
  } finally {
    await store.close();
  }
  const records = await readTopic(kafka, alertsTopic, { until: (r) => r.length >= expectedIds.size, timeoutMs: 60_000, settleMs: 2000 });
  const ids = await Promise.all(records.map(async (r) => (await serde.decode<ChildSafetyAlert>(r.value!)).value.alertId));
  assert.equal(ids.length, new Set(ids).size, 'no alert twice');
  assert.deepEqual(new Set(ids), expectedIds, 'every alert of the run without the outage, nothing else');

  const reports = await readTopic(kafka, security, { until: (r) => r.length >= 1, timeoutMs: 30_000, settleMs: 1000 });
  const decoded = await Promise.all(reports.map(async (r) => (await serde.decode<SecurityAlert>(r.value!)).value));
  assert.equal(decoded.length, 1, 'one operational alert for the outage');
  assert.equal(decoded[0]?.category, 'OTHER');
  assert.equal(decoded[0]?.attributes.dependency, 'redis');
  assert.ok(Number(decoded[0]?.attributes.failedCalls) > 0);

  proc.child.kill('SIGTERM');
  const exit = await exitWithin(proc, 20_000);
  assert.ok(exit !== null, `the scorer did not exit within 20 s of SIGTERM; see ${proc.logFile}`);
  assert.equal(exit.code, 0);
});
