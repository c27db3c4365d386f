// Issue 7 acceptance (aggregator), on the real stack: pseudonymized events (built by hand, valid
// against cwp.analytics.PseudonymizedEvent) go through the aggregator stage on the stream runtime,
// with its state in a private PostgreSQL schema and a real privacy ledger built in-process (its
// HTTP API reached through fastify inject). Releases appear on the stakeholders' topics; a
// 4-contributor group never appears; an exhausted budget stops releases and the ledger alerts;
// a full replay by a fresh consumer group (after the live one stopped) spends no budget twice and
// re-emits identical releases. aggregator-crash.test.ts kills the stage process mid-stream.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Admin, Kafka } from 'kafkajs';
import { migrate } from '@cwp/db';
import { createLogger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import type { AggregatorInput, Release } from '@cwp/aggregator';
import { AGGREGATOR_MIGRATIONS_DIR, createAggregator, createHttpLedger, createPgStore, parseCatalogue } from '@cwp/aggregator';
import { createLedgerFixture, type LedgerFixture } from '../../services/privacy-ledger/test/support/ledger-fixture.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, readTopic, registerSchema, serdeFor, uniqueName } from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';
import { childInCare, provinceCountQuery, seedBudgets, testMonth } from './helpers/pseudonymized-events.js';

const input = uniqueName('it.aggregator.in');
const dlq = `${input}.dlq`;
const outputs = { government: uniqueName('it.aggregator.gov'), media: uniqueName('it.aggregator.media') } as const;
const stateSchema = `agg_it_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

// Government: child demographics, ε = 0.1 per release, cap 0.2 → two releases, the third refused.
const budgets = seedBudgets({
  'agg-it': { category: 'child-demographics', caps: { government: '0.2' } },
  'agg-it-public': { category: 'public-statistics', caps: { media: '20.0' } },
}, 'aggregator test budgets');
const query = provinceCountQuery;
const catalogue = parseCatalogue({ stakeholders: { government: [query('in-care', 'agg-it', 'analytics')], media: [query('public', 'agg-it-public', 'media')] } });

let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let ledger: LedgerFixture;
let app: FastifyInstance;
const stages: Stage[] = [];

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12'].map(testMonth);

// fetch over fastify inject: the ledger's real HTTP API without a socket. Like fetch, it honours the
// caller's AbortSignal (the ledger client's timeout), so a ledger call that does not answer becomes the
// client's retriable LEDGER_UNAVAILABLE instead of a batch waiting forever.
const injectFetch = (async (url: string, init?: RequestInit): Promise<Response> => {
  const signal = init?.signal ?? undefined;
  const injected = app.inject({
    method: (init?.method ?? 'GET') as 'POST', url: new URL(url).pathname,
    headers: init?.headers as Record<string, string>, payload: typeof init?.body === 'string' ? init.body : '',
  });
  const aborted = new Promise<never>((_, reject) => {
    const abort = (): void => reject(new Error('ledger call aborted by its timeout', { cause: signal?.reason }));
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
  const res = await Promise.race([injected, aborted]);
  return new Response(res.body, { status: res.statusCode, headers: { 'content-type': 'application/json' } });
}) as typeof fetch;

function startAggregator(groupId: string): Promise<void> {
  const config = loadStageConfig({}, { ...process.env, METRICS_PORT: '0', LOG_LEVEL: 'warn', FETCH_MAX_WAIT_MS: '100' });
  const stage = createStage<AggregatorInput>({
    name: 'aggregator', groupId, input: { topic: input },
    outputs: Object.values(outputs).map((topic) => ({ topic })),
    transform: createAggregator({
      catalogue, store: createPgStore(ledger.pool, stateSchema),
      ledger: createHttpLedger({ url: 'http://ledger.invalid', token: ledger.aggregator.replace(/^Bearer /, ''), fetch: injectFetch }),
      topicOf: (s) => outputs[s as keyof typeof outputs],
    }),
    config, logger: createLogger({ service: 'aggregator-it', level: process.env.AGG_IT_LOG_LEVEL ?? 'silent' }),
  });
  stages.push(stage);
  return stage.start();
}

async function releasesOn(topic: string, atLeast: number): Promise<Release[]> {
  const records = await readTopic(kafka, topic, { until: (r) => r.length >= atLeast, timeoutMs: 45_000, settleMs: 1500 });
  return Promise.all(records.map(async (r) => (await serde.decode<Release>(r.value!)).value));
}

async function spent(stakeholder: string, dataset: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/v1/budgets/${stakeholder}/${dataset}`, headers: { authorization: ledger.admin } });
  return (res.json<{ spent: string }>()).spent;
}

before(async () => {
  kafka = createKafka('cwp-it-aggregator');
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: 1 }, { topic: dlq, partitions: 1 }, ...Object.values(outputs).map((topic) => ({ topic, partitions: 1 }))]);
  await registerSchema('cwp.analytics.PseudonymizedEvent', `${input}-value`);
  for (const topic of Object.values(outputs)) await registerSchema('cwp.aggregates.Release', `${topic}-value`);
  serde = serdeFor();
  ledger = await createLedgerFixture();
  app = await ledger.buildApp({ pool: ledger.pool, budgets });
  await migrate({ databaseUrl: stackEnv().databaseUrl, dir: AGGREGATOR_MIGRATIONS_DIR, schema: stateSchema });
});

after(async () => {
  for (const s of stages) await s.stop();
  await ledger?.pool.query(`DROP SCHEMA IF EXISTS "${stateSchema}" CASCADE`);
  await ledger?.cleanup();
  await deleteTopics(admin, [input, dlq, ...Object.values(outputs)]);
  await deleteSubjects(`${input}-value`, ...Object.values(outputs).map((t) => `${t}-value`));
  await admin.disconnect();
});

test('releases per stakeholder, k-suppression, budget exhaustion and a replay that spends nothing twice', { timeout: 180_000 }, async () => {
  // Per month: Bali 6 children, Aceh 4 (below k = 5), and one duplicate of a Bali record.
  const messages: { key: string; value: Buffer; timestamp: number }[] = [];
  for (const m of MONTHS) {
    const events = m.month === '2026-12' ? [childInCare(m, 'Bali', 0)] : [
      ...Array.from({ length: 6 }, (_, i) => childInCare(m, 'Bali', i)), ...Array.from({ length: 4 }, (_, i) => childInCare(m, 'Aceh', i)),
    ];
    events.push(events[0]!);
    for (const e of events) messages.push({ key: e.pseudonyms.analytics!, value: await serde.encode(`${input}-value`, e), timestamp: m.at });
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: input, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, timestamp: String(m.timestamp) })) });
  await producer.disconnect();
  await startAggregator(uniqueName('it.aggregator.group'));

  const media = await releasesOn(outputs.media, 3);
  const government = await releasesOn(outputs.government, 2);
  assert.deepEqual(media.map((r) => r.window), ['2026-09', '2026-10', '2026-11'], 'media: every closed month released once');
  assert.deepEqual(government.map((r) => r.window), ['2026-09', '2026-10'], 'government: the third month is refused (cap 0.2 at ε 0.1)');
  for (const r of [...media, ...government]) {
    assert.ok(r.groups.every((g) => g.key[0] !== 'Aceh'), 'a 4-contributor group never appears');
    assert.ok(r.suppressedGroups >= 1, 'the Aceh group is counted as suppressed');
    assert.match(r.mechanism, /discrete-laplace/);
  }
  assert.equal(government[0]?.epsilonSpent, '0.1');
  assert.equal(await spent('government', 'agg-it'), '0.2');
  const alerts = await ledger.readAlerts(1);
  assert.ok(alerts.some((a) => a.value.category === 'BUDGET_THRESHOLD' && a.value.attributes.dataset === 'agg-it' && a.value.attributes.threshold === '100'),
    'alerts.security says the budget is exhausted');

  // An audit replay: the live stage stops, a fresh consumer group re-reads the whole input over the
  // same state and must re-emit the stored releases unchanged, spending nothing.
  const mediaSpent = await spent('media', 'agg-it-public');
  await stages[0]!.stop();
  await startAggregator(uniqueName('it.aggregator.replay'));
  const replayedMedia = await releasesOn(outputs.media, 6);
  const replayedGov = await releasesOn(outputs.government, 4);
  assert.equal(replayedMedia.length, 6);
  assert.equal(replayedGov.length, 4);
  assert.deepEqual(replayedMedia.slice(3), media, 'the replay re-emits the stored releases unchanged');
  assert.deepEqual(replayedGov.slice(2), government);
  assert.equal(await spent('government', 'agg-it'), '0.2');
  assert.equal(await spent('media', 'agg-it-public'), mediaSpent);
});
