// Risk scorer against the real stack (Kafka + registry + Redis), the scorer running as its own
// process: scenario sequences raise the expected alerts and nothing below threshold; a redelivered
// batch (same records through the transform twice against the real Redis, and a SIGKILL mid-stream)
// never duplicates an alert; every identity envelope opens to its child under the child's DEK in the
// run's private key store. The Redis outage test is risk-scorer-outage.test.ts; the identity
// envelope's authorisation, audit and shredding are risk-scorer-identity.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import type { ChildSafetyAlert, RawEvent } from '@cwp/avro';
import type { KeyStore } from '@cwp/crypto';
import { createLocalKms, createPgKeyStore, openAlertIdentity } from '@cwp/crypto';
import { createPool } from '@cwp/db';
import { createPseudonymizer } from '@cwp/pseudonym';
import type { StageRecord } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import {
  createKeyStoreIdentitySealer, createMemoryStateStore, createRedisStateStore, createRiskScorer, loadRules, RISK_PURPOSE,
} from '@cwp/risk-scorer';
import { scenarios, DAY } from '../../services/risk-scorer/test/scenario-events.js';
import { createMemoryKeys } from '../../services/risk-scorer/test/memory-keys.js';
import { dropRedisPrefix, privateKeyStore, startRiskScorer, type PrivateKeyStore, type ScorerEnv, type ScorerProcess } from '../../services/risk-scorer/test/stage-process.js';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, killHard, produceEvents, readTopic, registerSchema, serdeFor, uniqueName, waitFor,
} from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';

const kafka = createKafka('cwp-it-risk');
const serde = serdeFor();
const rules = loadRules();
// In-process reference runs only compare alert ids: their envelopes are sealed under in-memory keys.
const memorySealer = () => createKeyStoreIdentitySealer({ keys: createMemoryKeys() });
let admin: Admin;
let keyStore: PrivateKeyStore;
let pool: pg.Pool;
let readerKeys: KeyStore;
const cleanup: { topics: string[]; subjects: string[]; procs: ScorerProcess[]; redisPrefixes: string[] } = { topics: [], subjects: [], procs: [], redisPrefixes: [] };

before(async () => {
  admin = kafka.admin();
  await admin.connect();
  keyStore = await privateKeyStore('it_risk');
  pool = createPool({ databaseUrl: keyStore.env.DATABASE_URL, applicationName: 'cwp-it-risk', max: 2 });
  // An officer's reader: no cache, the scorer's key store and KEKs.
  readerKeys = await createPgKeyStore({ pool, kms: createLocalKms({ file: keyStore.env.LOCAL_KMS_KEYRING_FILE }), schema: keyStore.env.KEYS_SCHEMA, cacheMaxEntries: 0 });
});
after(async () => {
  for (const prefix of cleanup.redisPrefixes) await dropRedisPrefix(prefix);
  for (const p of cleanup.procs) await killHard(p);
  await deleteTopics(admin, cleanup.topics);
  await deleteSubjects(...cleanup.subjects);
  await admin.disconnect();
  await readerKeys?.close();
  await pool?.end();
  await keyStore?.drop();
});

/** A fresh Redis key prefix, deleted after the file's tests. */
function redisPrefix(): string {
  const prefix = `it-risk-${randomBytes(4).toString('hex')}`;
  cleanup.redisPrefixes.push(prefix);
  return prefix;
}

/** An isolated deployment: its own topics, subjects, group, Redis prefix and secrets. */
async function deployment(name: string): Promise<{ env: ScorerEnv; secret: Buffer }> {
  const input = uniqueName(`it.risk.${name}.raw`);
  const alerts = uniqueName(`it.risk.${name}.alerts`);
  const security = uniqueName(`it.risk.${name}.security`);
  await createTopics(admin, [{ topic: input, partitions: 6 }, { topic: `${input}.dlq`, partitions: 1 }, { topic: alerts, partitions: 3 }, { topic: security, partitions: 1 }]);
  await registerSchema('cwp.events.RawEvent', `${input}-value`);
  await registerSchema('cwp.alerts.ChildSafetyAlert', `${alerts}-value`);
  await registerSchema('cwp.alerts.SecurityAlert', `${security}-value`);
  cleanup.topics.push(input, `${input}.dlq`, alerts, security);
  cleanup.subjects.push(`${input}-value`, `${alerts}-value`, `${security}-value`);
  const secret = randomBytes(32);
  const env: ScorerEnv = {
    ...keyStore.env, INPUT_TOPIC: input, ALERT_TOPIC: alerts, SECURITY_TOPIC: security, GROUP_ID: uniqueName(`it.risk.${name}`),
    REDIS_KEY_PREFIX: redisPrefix(), PSEUDONYM_SECRET: secret.toString('base64'),
  };
  return { env, secret };
}

async function decodeAlerts(topic: string, until: (n: number) => boolean, timeoutMs: number, settleMs = 1500): Promise<{ alerts: ChildSafetyAlert[]; raw: Buffer[] }> {
  const records = await readTopic(kafka, topic, { until: (r) => until(r.length), timeoutMs, settleMs });
  const alerts = await Promise.all(records.map(async (r) => (await serde.decode<ChildSafetyAlert>(r.value!)).value));
  return { alerts, raw: records.map((r) => r.value!) };
}

async function committed(groupId: string, topic: string): Promise<number> {
  const res = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (res[0]?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
}

test('scenario sequences raise the expected alerts with severity and reasons; below-threshold sequences raise none', { timeout: 180_000 }, async () => {
  const { env, secret } = await deployment('scenarios');
  const list = scenarios();
  const events = list.flatMap((s) => s.events);
  const expected = list.reduce((n, s) => n + s.expect.length, 0);
  const proc = startRiskScorer(env, 'it-risk-scenarios');
  cleanup.procs.push(proc);
  await produceEvents(kafka, serde, env.INPUT_TOPIC, events);
  const { alerts, raw } = await decodeAlerts(env.ALERT_TOPIC, (n) => n >= expected, 90_000, 3000);

  const pseudonyms = createPseudonymizer({ secret: secret });
  for (const s of list) {
    const child = s.events[0]!.subjectId;
    const mine = alerts.filter((a) => a.childPseudonym === pseudonyms.pseudonymAt(child, RISK_PURPOSE, s.events[0]!.occurredAt))
      .sort((a, b) => s.events.findIndex((e) => e.eventId === a.triggeringEventId) - s.events.findIndex((e) => e.eventId === b.triggeringEventId));
    assert.deepEqual(mine.map((a) => [a.condition, a.severity, a.status]), s.expect, s.name);
    for (const a of mine) {
      assert.equal(a.legalBasis, 'VITAL_INTEREST');
      assert.ok(a.signals.length > 0 && a.signals.every((sig) => s.events.some((e) => e.eventId === sig.eventId)), 'reasons name the scenario events');
      assert.equal(await openAlertIdentity(a.identityEnvelope, a.alertId, readerKeys), child, 'the envelope opens under the child\'s DEK, for this alert');
    }
  }
  assert.equal(alerts.length, expected, 'no other alert');
  const bytes = Buffer.concat(raw).toString('latin1');
  for (const e of events) assert.ok(!bytes.includes(e.subjectId), 'no plaintext child id in the alert bytes');
  assert.equal(await committed(env.GROUP_ID, env.INPUT_TOPIC), events.length);
  proc.child.kill('SIGTERM');
  assert.deepEqual(await proc.exited, { code: 0, signal: null });
});

test('the same records through the transform twice against the real Redis: identical alert ids, each signal counted once', { timeout: 60_000 }, async () => {
  const { redisUrl } = stackEnv();
  const store = createRedisStateStore({ url: redisUrl, keyPrefix: redisPrefix(), dedupTtlMs: 7 * DAY, maxSignals: 256, stateTtlMs: 600_000 });
  try {
    const pseudonyms = createPseudonymizer({ secret: randomBytes(32) });
    const transform = createRiskScorer({ rules, store, pseudonyms, sealer: memorySealer(), alertTopic: 'alerts' });
    const events = createGenerator({ seed: randomInt(2 ** 31), childCount: 20 }).batch(600).map((g) => g.event);
    const run = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (const [i, e] of events.entries()) {
        const rec: StageRecord<RawEvent> = { key: e.subjectId, value: e, headers: {}, topic: 'in', partition: 0, offset: String(i), timestamp: 0 };
        for (const o of await transform(rec)) ids.push((o.value as ChildSafetyAlert).alertId);
      }
      return ids;
    };
    await waitFor('Redis', async () => (await store.snapshot('probe').then(() => true, () => false)), 10_000);
    const first = await run();
    const second = await run();
    assert.ok(first.length > 5, `the generated traffic raised alerts (${first.length})`);
    assert.deepEqual(second, first, 'a redelivery repeats the committed alerts exactly: same ids, nothing new');
    assert.equal(new Set(first).size, first.length, 'no alert id twice');
    // Each child's stored signals are its relevant events, once each.
    const memory = createMemoryStateStore({ dedupTtlMs: 7 * DAY, maxSignals: 256 });
    const reference = createRiskScorer({ rules, store: memory, pseudonyms, sealer: memorySealer(), alertTopic: 'alerts' });
    const refIds: string[] = [];
    for (const [i, e] of events.entries()) for (const o of await reference({ key: e.subjectId, value: e, headers: {}, topic: 'in', partition: 0, offset: String(i), timestamp: 0 })) refIds.push((o.value as ChildSafetyAlert).alertId);
    assert.deepEqual(first, refIds, 'Redis and the in-memory contract agree');
    for (const child of new Set(events.map((e) => e.subjectId))) {
      const key = pseudonyms.pseudonym(child, RISK_PURPOSE, 'state');
      assert.deepEqual((await store.snapshot(key)).signals, (await memory.snapshot(key)).signals);
    }
  } finally {
    await store.close();
  }
});

test('SIGKILL mid-stream and restart: every expected alert exactly once on the alert topic', { timeout: 240_000 }, async () => {
  const { env, secret } = await deployment('crash');
  const events = createGenerator({ seed: randomInt(2 ** 31), childCount: 60 }).batch(4000).map((g) => g.event);
  // The expected alerts: the same events through the transform in order (per child = per partition order).
  const memory = createMemoryStateStore({ dedupTtlMs: 7 * DAY, maxSignals: 256 });
  const reference = createRiskScorer({ rules, store: memory, pseudonyms: createPseudonymizer({ secret: secret }), sealer: memorySealer(), alertTopic: 'a' });
  const expectedIds = new Set<string>();
  for (const [i, e] of events.entries()) for (const o of await reference({ key: e.subjectId, value: e, headers: {}, topic: 'in', partition: 0, offset: String(i), timestamp: 0 })) expectedIds.add((o.value as ChildSafetyAlert).alertId);

  await produceEvents(kafka, serde, env.INPUT_TOPIC, events);
  const first = startRiskScorer({ ...env, MAX_BYTES_PER_PARTITION: '16384' }, 'it-risk-crash-1');
  cleanup.procs.push(first);
  await waitFor('some batches committed', async () => (await committed(env.GROUP_ID, env.INPUT_TOPIC)) > 500, 60_000, 50);
  await killHard(first);
  const done = await committed(env.GROUP_ID, env.INPUT_TOPIC);
  assert.ok(done < events.length, `killed mid-stream (${done} of ${events.length} committed)`);
  await sleep(randomInt(0, 500));
  const second = startRiskScorer(env, 'it-risk-crash-2');
  cleanup.procs.push(second);
  await waitFor('all input committed', async () => (await committed(env.GROUP_ID, env.INPUT_TOPIC)) === events.length, 150_000, 200);
  const { alerts } = await decodeAlerts(env.ALERT_TOPIC, (n) => n >= expectedIds.size, 60_000, 2000);
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.alertId, (counts.get(a.alertId) ?? 0) + 1);
  assert.deepEqual([...counts.values()].filter((n) => n > 1), [], 'no alert twice');
  assert.deepEqual(new Set(counts.keys()), expectedIds, 'every expected alert, nothing else');
  second.child.kill('SIGTERM');
  assert.equal((await second.exited).code, 0);
});
