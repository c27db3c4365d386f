// Issue 9 acceptance (replay CLI), on the real stack: a topic's offset or time range is replayed
// into a sandbox topic byte for byte, or into an NDJSON file; a dry run writes nothing; every
// replay, and every refusal, is in the audit trail; --transform classifier reproduces the stage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import type pg from 'pg';
import { AUDIT_MIGRATIONS_DIR, createAuditLog } from '@cwp/audit';
import type { ClassifiedEvent, RawEvent } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { classify, createConsentReader, planFields } from '@cwp/classifier';
import { createPool, migrate } from '@cwp/db';
import type { Serde } from '@cwp/registry';
import { parseNdjsonLine, replayCommand } from '@cwp/replay';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, generateEvents, produceRaw, readTopic, registerSchema, serdeFor, uniqueName,
} from './helpers/stream-fixtures.js';
import type { ReadRecord } from './helpers/stream-fixtures.js';
import { REPO_ROOT, stackEnv } from '../support/stack.js';

const source = uniqueName('it.replay.src');
const sandboxes: string[] = [];
const suffix = `${Date.now().toString(36)}_${process.pid}`;
const auditSchema = `replay_audit_it_${suffix}`;
const consentSchema = `replay_consent_it_${suffix}`;
const outDir = mkdtempSync(join(tmpdir(), 'cwp-replay-'));
const PER_BATCH = 40;
const GARBAGE = Buffer.from([1, 0xff, 0xfe, 0x00, 0x10]); // not Confluent wire format: a dead letter for a stage

let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let pool: pg.Pool;
let all: ReadRecord[] = [];
const batchOf = new Map<string, 'A' | 'B' | 'C'>(); // eventId or 'garbage' → batch
let timeB = '';
let timeC = '';

const sandbox = (name: string): string => { const t = `sandbox.${uniqueName(`it.replay.${name}`)}`; sandboxes.push(t); return t; };
const cliEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const { REPLAY_ROLE: _r, OPERATOR: _o, ...rest } = process.env;
  return { ...rest, ...stackEnv().env, AUDIT_SCHEMA: auditSchema, CONSENT_SCHEMA: consentSchema, ...extra };
};
const AUTH = ['--role', 'AUDITOR', '--actor', 'it-auditor'];

/** Runs the command in this process (fast), capturing its output. */
async function replay(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await replayCommand(args, env, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTty: false });
  return { code, stdout, stderr };
}

/** Runs the CLI as a child process, as an engineer would. */
function replayChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--conditions=source', 'services/replay/src/cli/replay.ts', ...args], { cwd: REPO_ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const withoutReplayHeader = (h: IHeaders): IHeaders => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'replay.source'));
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));
const byPosition = (a: ReadRecord, b: ReadRecord): number => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));

before(async () => {
  kafka = createKafka('cwp-replay-it');
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: source, partitions: 3 }]);
  await registerSchema('cwp.events.RawEvent', `${source}-value`);
  serde = serdeFor();
  const { databaseUrl } = stackEnv();
  await migrate({ databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema: auditSchema });
  await migrate({ databaseUrl, dir: `${REPO_ROOT}services/ingest-gateway/migrations`, schema: consentSchema });
  pool = createPool({ databaseUrl, applicationName: 'cwp-replay-it', max: 4 });

  // Three batches a moment apart (for the time range), each record with binary headers; one garbage value in A.
  for (const batch of ['A', 'B', 'C'] as const) {
    if (batch === 'B') timeB = new Date().toISOString();
    if (batch === 'C') timeC = new Date().toISOString();
    const events = generateEvents(PER_BATCH);
    const messages = await Promise.all(events.map(async (e, i) => ({
      key: e.subjectId, value: await serde.encode(`${source}-value`, e), headers: { 'trace.id': Buffer.from([batch.charCodeAt(0), i, 0, 255]), origin: `it-${batch}` },
    })));
    if (batch === 'A') messages.push({ key: 'garbage', value: GARBAGE, headers: { 'trace.id': Buffer.from([0]), origin: 'it-A' } });
    for (const e of events) batchOf.set(e.eventId, batch);
    await produceRaw(kafka, source, messages);
    if (batch !== 'C') await sleep(1200);
  }
  all = (await readTopic(kafka, source, { until: (r) => r.length >= 3 * PER_BATCH + 1, timeoutMs: 60_000, settleMs: 300 })).sort(byPosition);
  assert.equal(all.length, 3 * PER_BATCH + 1);
});

after(async () => {
  await deleteTopics(admin, [source, ...sandboxes, ...sandboxes.map((s) => `${s}.dlq`)]);
  await deleteSubjects(`${source}-value`, ...sandboxes.map((s) => `${s}-value`));
  await admin.disconnect();
  await pool.query(`DROP SCHEMA IF EXISTS "${auditSchema}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${consentSchema}" CASCADE`);
  await pool.end();
  rmSync(outDir, { recursive: true, force: true });
});

test('an offset range replayed into a sandbox topic is byte for byte, in order, same partitions (CLI child process)', { timeout: 180_000 }, async () => {
  const target = sandbox('copy');
  const expected = all.filter((r) => r.partition !== 2 && BigInt(r.offset) >= 2n && BigInt(r.offset) <= 25n);
  assert.ok(expected.length > 20, `enough records in range: ${expected.length}`);
  const run = await replayChild(['--topic', source, '--partitions', '0,1', '--from-offset', '2', '--to-offset', '25', '--to-topic', target, '--rate-limit', '500', '--reason', 'IT copy', ...AUTH], cliEnv());
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\d+\/\d+ records \(\d+%\), \d+ records\/s/, 'a progress line on stderr');
  const summary = JSON.parse(run.stdout) as { records: number; outputs: number };
  assert.equal(summary.records, expected.length);
  assert.equal(summary.outputs, expected.length);

  const meta = await admin.fetchTopicMetadata({ topics: [target] });
  assert.equal(meta.topics[0]?.partitions.length, 3, 'sandbox created with the source partition count');
  const copied = (await readTopic(kafka, target, { until: (r) => r.length >= expected.length, timeoutMs: 30_000, settleMs: 500 })).sort(byPosition);
  assert.equal(copied.length, expected.length);
  for (const p of [0, 1]) {
    const want = expected.filter((r) => r.partition === p);
    const got = copied.filter((r) => r.partition === p);
    assert.equal(got.length, want.length, `partition ${p}`);
    got.forEach((g, i) => {
      const w = want[i]!;
      assert.deepEqual(g.key, w.key);
      assert.ok(g.value?.equals(w.value!), `value bytes of ${p}/${w.offset}`);
      assert.deepEqual(withoutReplayHeader(g.headers), w.headers);
      assert.equal(g.headers['replay.source']?.toString(), `${source}/${p}/${w.offset}`, 'in order, with its source');
    });
  }
});

test('a time range picks exactly the records produced in it, written to NDJSON', { timeout: 120_000 }, async () => {
  const file = join(outDir, 'time.ndjson');
  const run = await replay(['--topic', source, '--from-time', timeB, '--to-time', timeC, '--to-file', file, '--reason', 'IT time', ...AUTH]);
  assert.equal(run.code, 0, run.stderr);
  const lines = readFileSync(file, 'utf8').trim().split('\n').map(parseNdjsonLine);
  const ids = await Promise.all(lines.map(async (l) => (await serde.decode<RawEvent>(l.value!)).value.eventId));
  assert.equal(ids.length, PER_BATCH);
  assert.ok(ids.every((id) => batchOf.get(id) === 'B'), 'only batch B, produced between --from-time and --to-time');
});

test('an NDJSON export of the whole topic round-trips every record', { timeout: 120_000 }, async () => {
  const file = join(outDir, 'all.ndjson');
  const run = await replay(['--topic', source, '--to-file', file, '--reason', 'IT ndjson', ...AUTH]);
  assert.equal(run.code, 0, run.stderr);
  const lines = readFileSync(file, 'utf8').trim().split('\n').map(parseNdjsonLine).sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  assert.equal(lines.length, all.length);
  lines.forEach((l, i) => {
    const w = all[i]!;
    assert.equal(l.topic, source);
    assert.equal(`${l.partition}/${l.offset}`, `${w.partition}/${w.offset}`);
    assert.deepEqual(l.key, w.key);
    assert.ok(l.value?.equals(w.value!));
    assert.deepEqual(l.headers, w.headers);
    assert.ok(l.timestamp > Date.parse(timeB) - 60_000);
  });
});

test('a dry run counts per partition and writes nothing', { timeout: 120_000 }, async () => {
  const target = sandbox('dry');
  const file = join(outDir, 'dry.ndjson');
  for (const dest of [['--to-topic', target], ['--to-file', file]]) {
    const run = await replay(['--topic', source, '--from-offset', '5', '--dry-run', ...dest, '--reason', 'IT dry run', ...AUTH]);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { dryRun: boolean; partitions: { partition: number; records: number }[] };
    assert.equal(summary.dryRun, true);
    for (const p of [0, 1, 2]) assert.equal(summary.partitions.find((x) => x.partition === p)?.records, all.filter((r) => r.partition === p && BigInt(r.offset) >= 5n).length);
  }
  assert.ok(!(await admin.listTopics()).includes(target), 'no sandbox topic created');
  assert.ok(!existsSync(file), 'no file written');
});

test('without an authorised role or a named actor the replay is refused (exit 3) and audited; replays are in the verified trail', { timeout: 120_000 }, async () => {
  const target = sandbox('refused');
  const refused = await replayChild(['--topic', source, '--to-topic', target, '--reason', 'IT refused', '--role', 'ENGINEER', '--actor', 'mallory'], cliEnv());
  assert.equal(refused.code, 3, refused.stderr);
  const noActor = await replay(['--topic', source, '--to-topic', target, '--reason', 'IT no actor'], cliEnv({ REPLAY_ROLE: 'AUDITOR' }));
  assert.equal(noActor.code, 3, noActor.stderr);
  assert.ok(!(await admin.listTopics()).includes(target), 'nothing replayed');

  const rows = (await pool.query<{ actor: string; role: string; action: string; subject: string; purpose: string; outcome: string; details: Record<string, unknown> }>(
    `SELECT actor, role, action, subject, purpose, outcome, details FROM "${auditSchema}".audit_records ORDER BY seq`,
  )).rows;
  assert.ok(rows.every((r) => r.action === 'REPLAY' && r.subject === source));
  const denied = rows.filter((r) => r.outcome === 'DENIED');
  assert.deepEqual(denied.map((r) => [r.actor, r.role, r.purpose]), [['mallory', 'ENGINEER', 'IT refused'], [denied[1]?.actor, 'AUDITOR', 'IT no actor']]);
  assert.match(String(denied[1]?.actor), /unnamed/);
  const copy = rows.filter((r) => r.purpose === 'IT copy');
  assert.deepEqual(copy.map((r) => [r.details['phase'], r.outcome, r.actor, r.role]), [['intent', 'SUCCESS', 'it-auditor', 'AUDITOR'], ['outcome', 'SUCCESS', 'it-auditor', 'AUDITOR']]);
  assert.equal(copy[0]?.details['partitions'], '0,1');
  assert.equal(copy[0]?.details['from'], '0=2,1=2');
  assert.ok(String(copy[0]?.details['destination']).startsWith('topic:sandbox.'));
  assert.ok(Number(copy[1]?.details['records']) > 20);
  assert.ok(rows.some((r) => r.purpose === 'IT dry run' && r.details['phase'] === 'outcome' && r.details['dryRun'] === true));
  const report = await createAuditLog({ pool, schema: auditSchema }).verify(null);
  assert.ok(report.ok, JSON.stringify(report));
});

test('--transform classifier reproduces the classifier output for the replayed raw events; bad records go to <sandbox>.dlq', { timeout: 180_000 }, async () => {
  const target = sandbox('classified');
  const run = await replay(['--topic', source, '--transform', 'classifier', '--to-topic', target, '--reason', 'IT transform', ...AUTH]);
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(run.stdout) as { records: number; outputs: number; deadLetters: number };
  assert.deepEqual([summary.records, summary.outputs, summary.deadLetters], [all.length, 3 * PER_BATCH, 1]);

  const out = await readTopic(kafka, target, { until: (r) => r.length >= 3 * PER_BATCH, timeoutMs: 30_000, settleMs: 500 });
  const replayed = new Map<string, ClassifiedEvent>();
  for (const r of out) {
    const { value } = await serde.decode<ClassifiedEvent>(r.value!);
    assert.equal(r.key?.toString(), value.subjectId);
    replayed.set(value.eventId, value);
  }
  const deps = { plan: planFields(loadSchemaCatalog().resolve('cwp.events.RawEvent')), consent: createConsentReader(pool, consentSchema), outputTopic: target };
  const direct = new Map<string, ClassifiedEvent>();
  for (const r of all.filter((x) => x.key?.toString() !== 'garbage')) {
    const c = await classify((await serde.decode<RawEvent>(r.value!)).value, deps);
    direct.set(c.eventId, c);
  }
  assert.deepEqual([...replayed.keys()].sort(), [...direct.keys()].sort(), 'same eventIds');
  for (const [id, c] of direct) {
    // Decoded values are avsc record instances; compare their content, not their prototypes.
    assert.deepEqual(plain(replayed.get(id)?.fieldSensitivity), plain(c.fieldSensitivity), `fieldSensitivity of ${id}`);
    assert.deepEqual(plain(replayed.get(id)?.piiFindings), plain(c.piiFindings), `piiFindings of ${id}`);
  }
  const dead = await readTopic(kafka, `${target}.dlq`, { until: (r) => r.length >= 1, timeoutMs: 20_000, settleMs: 300 });
  assert.equal(dead.length, 1);
  assert.ok(dead[0]?.value?.equals(GARBAGE), 'original bytes kept');
  assert.equal(dead[0]?.headers['dlq.source.topic']?.toString(), source);
  assert.equal(dead[0]?.headers['dlq.stage']?.toString(), 'replay:classifier');
});
