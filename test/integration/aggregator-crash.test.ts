// Issue 7 acceptance: killing the aggregator mid-window and restarting it spends no budget twice
// and releases no window twice. The aggregator runs as its own process (services/aggregator's
// main) on the real stack; the privacy ledger is real too, listening on loopback. The process is
// SIGKILLed at a random moment after it has stored its first release, while half of the input is
// still to come; the restarted process (same consumer group, same state) must end with every
// closed window released exactly once on the read_committed output and exactly one reservation's
// worth of ε spent per window.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Admin, Kafka } from 'kafkajs';
import type { Release } from '@cwp/aggregator';
import { STAKEHOLDERS } from '@cwp/aggregator';
import type { Serde } from '@cwp/registry';
import { createLedgerFixture, type LedgerFixture } from '../../services/privacy-ledger/test/support/ledger-fixture.js';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, killHard, produceRaw, readTopic, registerSchema, serdeFor,
  startServiceProcess, uniqueName, waitFor, type StageProcess,
} from './helpers/stream-fixtures.js';
import { childInCare, provinceCountQuery, seedBudgets, testMonth } from './helpers/pseudonymized-events.js';
import { stackEnv } from '../support/stack.js';

const input = uniqueName('it.aggcrash.in');
const prefix = uniqueName('it.aggcrash.out');
const template = `${prefix}.{stakeholder}`;
const outputOf = (stakeholder: string): string => template.replace('{stakeholder}', stakeholder);
const groupId = uniqueName('it.aggcrash.group');
const stateSchema = `aggcrash_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
// Seven months: six close (the seventh's events move the watermark past the sixth), each with 30
// children in Bali and 4 in Aceh (below k = 5, never released).
const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map(testMonth);
const CLOSED = MONTHS.slice(0, -1).map((m) => m.month);

const budgets = seedBudgets({
  'crash-gov': { category: 'child-demographics', caps: { government: '5.0' } },
  'crash-media': { category: 'public-statistics', caps: { media: '100.0' } },
}, 'aggregator crash test budgets');

let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let ledger: LedgerFixture;
let app: FastifyInstance;
let workDir: string;
const processes: StageProcess[] = [];

function startAggregator(ledgerUrl: string, catalogueFile: string, run: number): StageProcess {
  const p = startServiceProcess('services/aggregator/src/main.ts', {
    ...stackEnv().env, INPUT_TOPIC: input, GROUP_ID: groupId, AGGREGATOR_SCHEMA: stateSchema, CATALOGUE_FILE: catalogueFile,
    AGGREGATES_TOPIC_TEMPLATE: template, LEDGER_URL: ledgerUrl, LEDGER_TOKEN: ledger.aggregator.replace(/^Bearer /, ''),
    // Small fetches: many transactions, so the kill lands between a stored release and its commit now and then.
    MAX_BYTES_PER_PARTITION: '4096', FETCH_MAX_WAIT_MS: '100', SESSION_TIMEOUT_MS: '6000',
  }, `it-aggregator-crash-${run}`);
  processes.push(p);
  return p;
}

async function storedReleases(): Promise<number> {
  try {
    const res = await ledger.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${stateSchema}".releases`);
    return Number(res.rows[0]!.n);
  } catch {
    return 0; // the process has not migrated its schema yet
  }
}

async function produceMonths(months: typeof MONTHS): Promise<void> {
  const messages: { key: string; value: Buffer; timestamp: string }[] = [];
  for (const m of months) {
    const events = [...Array.from({ length: 30 }, (_, i) => childInCare(m, 'Bali', i)), ...Array.from({ length: 4 }, (_, i) => childInCare(m, 'Aceh', i))];
    for (const e of events) messages.push({ key: e.pseudonyms.analytics!, value: await serde.encode(`${input}-value`, e), timestamp: String(m.at) });
  }
  await produceRaw(kafka, input, messages);
}

async function spent(stakeholder: string, dataset: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/v1/budgets/${stakeholder}/${dataset}`, headers: { authorization: ledger.admin } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ spent: string }>().spent;
}

before(async () => {
  kafka = createKafka('cwp-it-aggcrash');
  admin = kafka.admin();
  await admin.connect();
  const outputs = STAKEHOLDERS.map(outputOf);
  await createTopics(admin, [input, `${input}.dlq`, ...outputs].map((topic) => ({ topic, partitions: 1 })));
  await registerSchema('cwp.analytics.PseudonymizedEvent', `${input}-value`);
  await registerSchema('cwp.aggregates.Release', ...outputs.map((t) => `${t}-value`));
  serde = serdeFor();
  ledger = await createLedgerFixture();
  app = await ledger.buildApp({ pool: ledger.pool, budgets });
  workDir = mkdtempSync(join(tmpdir(), 'cwp-aggcrash-'));
});

after(async () => {
  for (const p of processes) await killHard(p);
  await ledger?.pool.query(`DROP SCHEMA IF EXISTS "${stateSchema}" CASCADE`);
  await ledger?.cleanup();
  await deleteTopics(admin, [input, `${input}.dlq`, ...STAKEHOLDERS.map(outputOf)]);
  await deleteSubjects(`${input}-value`, ...STAKEHOLDERS.map((s) => `${outputOf(s)}-value`));
  await admin.disconnect();
  rmSync(workDir, { recursive: true, force: true });
});

test('SIGKILL mid-stream and restart: every closed window released once, ε spent once per window', { timeout: 240_000 }, async () => {
  const catalogueFile = join(workDir, 'catalogue.json');
  writeFileSync(catalogueFile, JSON.stringify({ stakeholders: {
    government: [provinceCountQuery('in-care', 'crash-gov', 'analytics')], media: [provinceCountQuery('public', 'crash-media', 'media')],
  } }));
  const ledgerUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  // First half of the input; kill the process at a random moment after its first stored release.
  await produceMonths(MONTHS.slice(0, 4));
  const first = startAggregator(ledgerUrl, catalogueFile, 1);
  await waitFor('the first stored release', async () => (await storedReleases()) >= 1 || first.child.exitCode !== null, 90_000, 20);
  assert.equal(first.child.exitCode, null, `the aggregator exited on its own; see ${first.logFile}`);
  await sleep(randomInt(0, 300));
  await killHard(first);
  const atKill = await storedReleases();

  // The rest arrives while it is down; the restarted process must finish the job.
  await produceMonths(MONTHS.slice(4));
  const second = startAggregator(ledgerUrl, catalogueFile, 2);
  await waitFor('every closed window stored', async () => (await storedReleases()) >= 2 * CLOSED.length || second.child.exitCode !== null, 120_000, 200);
  assert.equal(second.child.exitCode, null, `the restarted aggregator exited; see ${second.logFile}`);

  const read = async (stakeholder: string): Promise<Release[]> => {
    const records = await readTopic(kafka, outputOf(stakeholder), { until: (r) => r.length >= CLOSED.length, timeoutMs: 60_000, settleMs: 3000 });
    return Promise.all(records.map(async (r) => (await serde.decode<Release>(r.value!)).value));
  };
  const government = await read('government');
  const media = await read('media');
  const detail = `(${atKill} release rows were stored when the first process was killed)`;
  // After a crash the order of windows may change (a re-processed record can see the watermark the
  // killed process had already stored), never their number: compare as sets with multiplicity.
  const windows = (rs: Release[]): string[] => rs.map((r) => r.window).sort();
  assert.deepEqual(windows(government), CLOSED, `government: each closed month released exactly once ${detail}`);
  assert.deepEqual(windows(media), CLOSED, `media: each closed month released exactly once ${detail}`);
  for (const r of [...government, ...media]) {
    assert.ok(r.groups.every((g) => g.key[0] !== 'Aceh'), 'the 4-contributor group never appears');
    assert.ok(r.suppressedGroups >= 1, 'the Aceh group is counted as suppressed');
  }
  assert.equal(new Set(government.map((r) => r.reservationId)).size, CLOSED.length, 'one reservation per window');
  // Six windows: 6 × 0.1 and 6 × 2.0, as the ledger writes exact decimals.
  assert.equal(await spent('government', 'crash-gov'), '0.6', 'ε spent once per released window');
  assert.equal(await spent('media', 'crash-media'), '12');

  second.child.kill('SIGTERM');
  const exit = await second.exited;
  assert.equal(exit.code, 0, `SIGTERM stops the aggregator cleanly; see ${second.logFile}`);
});
