// Issue 7 acceptance, end to end on the real stack: generated events (event times about 20 min
// apart, so some six weeks pass and monthly and weekly windows close) go over HTTP into the
// ingestion gateway, then through the classifier, encryptor and pseudonymizer (in-process stages,
// helpers/analytics-pipeline.ts) and the aggregator with the SHIPPED query catalogue, which
// reserves budget over HTTP at a real privacy ledger listening on loopback (the shipped budgets,
// with the government's incident cap lowered to two releases). Checked on the five stakeholder
// topics: releases on every one; no released group has fewer than k = 5 distinct contributors,
// counted independently from events.pseudonymized.v1; no window is released twice; ε per release
// is the dataset category's; once the incident budget is exhausted no further incident release
// appears and alerts.security.v1 says so. aggregator-crash.test.ts covers the kill and restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Admin, Kafka } from 'kafkajs';
import type { AggregatorInput, CatalogueQuery, Release } from '@cwp/aggregator';
import { AGGREGATOR_MIGRATIONS_DIR, DEFAULT_CATALOGUE_FILE, STAKEHOLDERS, createAggregator, createHttpLedger, createPgStore, loadCatalogue } from '@cwp/aggregator';
import { migrate } from '@cwp/db';
import { createLogger } from '@cwp/observability';
import { DEFAULT_BUDGETS_FILE, parseBudgets } from '@cwp/privacy-ledger';
import type { Serde } from '@cwp/registry';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import { createGatewayFixture, type GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createLedgerFixture, type LedgerFixture } from '../../services/privacy-ledger/test/support/ledger-fixture.js';
import { grantConsents, postEvents, startAnalyticsPipeline, type AnalyticsPipeline } from './helpers/analytics-pipeline.js';
import type { ReadRecord } from './helpers/stream-fixtures.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, readTopic, registerSchema, serdeFor, uniqueName } from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';

const N = Number(process.env.PIPELINE_E2E_N ?? 3000);
const prefix = uniqueName('it.e2e.aggregates');
const outputOf = (stakeholder: string): string => `${prefix}.${stakeholder}`;
const stateSchema = `agg_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const catalogue = loadCatalogue(DEFAULT_CATALOGUE_FILE);
// The shipped budgets, but the government's incidents (ε 0.5 per weekly release) capped at 1.0:
// two weekly releases are granted, every later week is refused.
const shipped = JSON.parse(readFileSync(DEFAULT_BUDGETS_FILE, 'utf8')) as { datasets: Record<string, { caps: Record<string, string> }> };
shipped.datasets['incidents']!.caps['government'] = '1.0';
const budgets = parseBudgets(shipped, 'shipped budgets, incidents capped at two releases');
const EPSILON: Readonly<Record<string, string>> = { 'children-in-care': '0.1', incidents: '0.5', donations: '2', outcomes: '1', 'volunteer-hours': '2', 'public-counts': '2' };

let fx: GatewayFixture;
let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let pipeline: AnalyticsPipeline | undefined;
let ledger: LedgerFixture;
let ledgerApp: FastifyInstance;
let aggregator: Stage | undefined;
const aggregatorGroup = uniqueName('it.e2e.g.aggregator');

before(async () => {
  fx = await createGatewayFixture({ GATEWAY_RATE_PER_S: '1000000', GATEWAY_RATE_BURST: '1000000', GATEWAY_MAX_BATCH: '200' });
  kafka = createKafka('cwp-it-e2e');
  admin = kafka.admin();
  await admin.connect();
  serde = serdeFor();
  pipeline = await startAnalyticsPipeline({ fx, admin, serde, name: 'e2e' });
  await createTopics(admin, [{ topic: `${pipeline.pseudonymized}.dlq`, partitions: 1 }, ...STAKEHOLDERS.map((s) => ({ topic: outputOf(s), partitions: 1 }))]);
  await registerSchema('cwp.aggregates.Release', ...STAKEHOLDERS.map((s) => `${outputOf(s)}-value`));
  ledger = await createLedgerFixture();
  ledgerApp = await ledger.buildApp({ pool: ledger.pool, budgets });
  const ledgerUrl = await ledgerApp.listen({ host: '127.0.0.1', port: 0 });
  await migrate({ databaseUrl: stackEnv().databaseUrl, dir: AGGREGATOR_MIGRATIONS_DIR, schema: stateSchema });
  aggregator = createStage<AggregatorInput>({
    name: 'aggregator', groupId: aggregatorGroup, input: { topic: pipeline.pseudonymized },
    outputs: STAKEHOLDERS.map((s) => ({ topic: outputOf(s) })),
    transform: createAggregator({
      catalogue, store: createPgStore(ledger.pool, stateSchema), topicOf: outputOf,
      ledger: createHttpLedger({ url: ledgerUrl, token: ledger.aggregator.replace(/^Bearer /, ''), timeoutMs: 5000 }),
    }),
    config: loadStageConfig({}, { ...process.env, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
    logger: createLogger({ service: 'aggregator-e2e', level: 'silent' }),
  });
  await aggregator.start();
});

after(async () => {
  await aggregator?.stop();
  await pipeline?.stop();
  await ledger?.pool.query(`DROP SCHEMA IF EXISTS "${stateSchema}" CASCADE`);
  await ledger?.cleanup();
  if (pipeline) await deleteTopics(admin, [`${pipeline.pseudonymized}.dlq`, ...STAKEHOLDERS.map(outputOf)]);
  await deleteSubjects(...STAKEHOLDERS.map((s) => `${outputOf(s)}-value`));
  await admin.disconnect();
  await fx.cleanup();
});

/**
 * The partitions where the aggregator's group has not yet committed past the last data record (not
 * "the end of the log": several transactional producers write each partition, and their commit
 * markers follow the last record, one offset each).
 */
async function aggregatorLag(topic: string, records: readonly ReadRecord[]): Promise<string[]> {
  const next = new Map<number, bigint>();
  for (const r of records) {
    const o = BigInt(r.offset) + 1n;
    if (o > (next.get(r.partition) ?? 0n)) next.set(r.partition, o);
  }
  const committed = await admin.fetchOffsets({ groupId: aggregatorGroup, topics: [topic] });
  const at = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
  return [...next].filter(([partition, offset]) => (at.get(partition) ?? -1n) < offset).map(([p, o]) => `partition ${p}: committed ${at.get(p) ?? 'none'}, last record + 1 = ${o}`);
}

/** Distinct contributors per query × window × group, counted here from the pseudonymized events. */
function trueContributors(events: readonly AggregatorInput[], queries: readonly CatalogueQuery[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    for (const q of queries) {
      if (!q.eventTypes.includes(e.eventType)) continue;
      // Children count only under the query's consent purpose; adults and organisations under their analytics pseudonym.
      const pseudonym = e.subjectType === 'CHILD' ? e.pseudonyms[q.consentPurpose] : e.pseudonyms[q.consentPurpose] ?? e.pseudonyms['analytics'];
      if (pseudonym === undefined) continue;
      if (q.measure !== undefined && typeof e[q.measure] !== 'number') continue;
      const window = q.window.size === 'iso-week' ? e.occurredWeek : e.occurredMonth;
      const key = `${q.stakeholder}|${q.id}|${window}|${JSON.stringify(q.dimensions.map((d) => (e[d] ?? null) as string | null))}`;
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(pseudonym);
    }
  }
  return out;
}

test(`end to end: ${N} generated events from the gateway to every stakeholder topic, k-anonymous, budgeted, each window once`, { timeout: 900_000 }, async () => {
  const generated = createGenerator({ seed: `it-e2e-${Date.now().toString(36)}`, intervalMs: [60_000, 2_400_000] }).batch(N);
  const plan = await grantConsents(fx, generated);
  await postEvents(fx, generated, 200);
  const withheld = generated.filter((g) => plan.get(g.event.subjectId) === 'none').length;
  const spanDays = (generated.at(-1)!.event.occurredAt - generated[0]!.event.occurredAt) / 86_400_000;

  const { pseudonymized } = pipeline!;
  const records = await readTopic(kafka, pseudonymized, { until: (r) => r.length >= N - withheld, timeoutMs: 600_000, settleMs: 2000 });
  assert.equal(records.length, N - withheld, 'every event with a legal basis reached events.pseudonymized.v1');
  const events = await Promise.all(records.map(async (r) => (await serde.decode<AggregatorInput>(r.value!)).value));
  const deadline = Date.now() + 300_000;
  for (let behind = await aggregatorLag(pseudonymized, records); behind.length > 0; behind = await aggregatorLag(pseudonymized, records)) {
    assert.ok(Date.now() < deadline, `the aggregator consumed its whole input within 5 min (${behind.join('; ')})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const dead = await Promise.all([...pipeline!.dlqs, `${pseudonymized}.dlq`].map((t) => readTopic(kafka, t, { until: () => true, timeoutMs: 3000 })));
  assert.deepEqual(dead.map((d) => d.length), [0, 0, 0], 'nothing dead-lettered by the encryptor, the pseudonymizer or the aggregator');

  const releases = new Map<string, Release[]>();
  for (const s of STAKEHOLDERS) {
    const rs = await readTopic(kafka, outputOf(s), { until: (r) => r.length > 0, timeoutMs: 30_000, settleMs: 2000 });
    releases.set(s, await Promise.all(rs.map(async (r) => (await serde.decode<Release>(r.value!)).value)));
  }
  const summary = STAKEHOLDERS.map((s) => `${s} ${releases.get(s)!.length}`).join(', ');
  process.stdout.write(`# ${N} events over ${spanDays.toFixed(1)} days; ${records.length} pseudonymized; releases: ${summary}\n`);
  for (const s of STAKEHOLDERS) assert.ok(releases.get(s)!.length > 0, `a release on the ${s} topic (${summary})`);

  const all = [...releases.values()].flat();
  const windows = all.map((r) => `${r.stakeholder}|${r.queryId}|${r.window}`);
  assert.equal(new Set(windows).size, windows.length, 'no window released twice');
  assert.equal(new Set(all.map((r) => r.reservationId)).size, all.length, 'one reservation per release');
  for (const r of all) {
    const query = catalogue.queries.find((q) => q.stakeholder === r.stakeholder && q.id === r.queryId);
    assert.ok(query, `${r.queryId} is a query of the shipped catalogue for ${r.stakeholder}`);
    assert.equal(r.epsilonSpent, EPSILON[query.dataset], `${r.queryId}: ε of its dataset's category`);
    assert.match(r.mechanism, /discrete-laplace/);
  }

  // k-anonymity, counted independently: every released group has ≥ 5 distinct contributors.
  const truth = trueContributors(events, catalogue.queries);
  let released = 0;
  for (const r of all) {
    for (const g of r.groups) {
      const n = truth.get(`${r.stakeholder}|${r.queryId}|${r.window}|${JSON.stringify(g.key)}`)?.size ?? 0;
      assert.ok(n >= 5, `${r.queryId} ${r.window} group ${JSON.stringify(g.key)} released with ${n} distinct contributors`);
      released += 1;
    }
  }
  const releasedWindows = new Set(all.map((r) => `${r.stakeholder}|${r.queryId}|${r.window}`));
  const small = [...truth].filter(([key, set]) => set.size < 5 && releasedWindows.has(key.split('|').slice(0, 3).join('|')));
  process.stdout.write(`# ${released} groups released (all with ≥ 5 contributors); ${small.length} groups of released windows had 1–4 contributors (${small.filter(([, s]) => s.size === 4).length} with exactly 4), none released\n`);
  assert.ok(small.length > 0, 'the data had small groups for k-anonymity to suppress');

  // The incident budget admits two weekly releases; later closed weeks were refused and alerted.
  const incidents = releases.get('government')!.filter((r) => r.queryId === 'incidents-by-severity-province');
  assert.equal(incidents.length, 2, 'exactly two incident releases before the budget ran out');
  const spent = await ledgerApp.inject({ method: 'GET', url: '/v1/budgets/government/incidents', headers: { authorization: ledger.admin } });
  assert.equal(spent.json<{ spent: string }>().spent, '1', 'the incident budget is spent exactly');
  const alerts = await ledger.readAlerts(1);
  assert.ok(alerts.some((a) => a.value.category === 'BUDGET_THRESHOLD' && a.value.attributes.dataset === 'incidents' && a.value.attributes.threshold === '100'),
    'alerts.security.v1 says the incident budget is exhausted');
});
