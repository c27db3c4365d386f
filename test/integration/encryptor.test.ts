// Issue 5 acceptance (encryptor), on the real stack: classified events go through the encryptor
// stage (Kafka transactions, registry serde, PostgreSQL key store, local KMS with a keyring file,
// Redis invalidation); authorised decryption gives every event back; no protected value is in the
// topic's bytes; KEK rotation + rewrap keeps old records readable; crypto-shredding one child makes
// every copy of its records unreadable (re-read from the topic) while everyone else's decrypt; the
// tombstone stops late events; every read and key operation is in the audit chain; no key material
// reaches logs or DLQ headers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Admin, Kafka } from 'kafkajs';
import type pg from 'pg';
import type { ClassifiedEvent, SecurityAlert } from '@cwp/avro';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { AUDIT_MIGRATIONS_DIR, createAuditLog } from '@cwp/audit';
import type { AuditLog } from '@cwp/audit';
import { classify, planFields } from '@cwp/classifier';
import type { KeyStore, Kms } from '@cwp/crypto';
import { CryptoError, KEYS_MIGRATIONS_DIR, createLocalKeyring, createLocalKms, createPgKeyStore, createRedisInvalidationBus } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { AuthorizationError } from '@cwp/errors';
import { createLogger } from '@cwp/observability';
import { releaseText } from '@cwp/pii';
import type { Serde } from '@cwp/registry';
import { createSecurityAlertSink, createStage, kafkaSecurityOf, loadStageConfig, type SecurityAlertSink, type Stage } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import type { GeneratedEvent } from '@cwp/synthetic';
import type { AuthorisedDecryptor, EncryptedEvent, EncryptionPlan } from '@cwp/encryptor';
import { createAuthorisedDecryptor, createEncryptor, decryptEvent, mapPlannedFields, planEncryption } from '@cwp/encryptor';
import { runKeyCommand } from '../../services/encryptor/src/key-admin.js';
import { createPgBreakGlassStore, grantBreakGlass } from '../../services/encryptor/src/break-glass.js';
import type { ReadRecord } from './helpers/stream-fixtures.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, produceEvents, readTopic, registerSchema, registerSchemaJson, serdeFor, uniqueName } from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';
import { decodedStrings } from '../support/released-text.js';

const input = uniqueName('it.encryptor.in');
const output = uniqueName('it.encryptor.out');
const dlq = `${input}.dlq`;
const suffix = Date.now().toString(36);
const keysSchema = `keys_it_${suffix}`;
const auditSchema = `audit_it_${suffix}`;
const channel = `cwp:keys:invalidate:it:${suffix}`;
const alertTopic = uniqueName('it.encryptor.alerts');
const N = 300;
const CPO = { actor: 'officer-7', role: 'CHILD_PROTECTION_OFFICER', purpose: 'case review IT-5' };

const catalog = loadSchemaCatalog();
const plan: EncryptionPlan = planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME));
const classifiedType = catalog.type('cwp.events.ClassifiedEvent');
const norm = (e: ClassifiedEvent): unknown => classifiedType.fromBuffer(classifiedType.toBuffer(e));

let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let pool: pg.Pool;
let stage: Stage | undefined;
let stageKeys: KeyStore;
let adminKeys: KeyStore;
let adminKms: Kms;
let kms: Kms;
let audit: AuditLog;
let dir: string;
let alertSink: SecurityAlertSink | undefined;
const logLines: string[] = [];

/** The SecurityAlerts on the test's alert topic, once at least `atLeast` arrived. */
async function alertsRaised(atLeast: number): Promise<SecurityAlert[]> {
  const records = await readTopic(kafka, alertTopic, { until: (r) => r.length >= atLeast, timeoutMs: 30_000, settleMs: 1500 });
  return Promise.all(records.map(async (r) => (await serde.decode<SecurityAlert>(r.value!)).value));
}

async function decryptor(): Promise<{ d: AuthorisedDecryptor; keys: KeyStore }> {
  // A fresh reader process: no cache, so every read goes to PostgreSQL and the KMS.
  const keys = await createPgKeyStore({ pool, kms: createLocalKms({ file: join(dir, 'keyring.json') }), schema: keysSchema, cacheMaxEntries: 0 });
  return { d: createAuthorisedDecryptor({ serde, keys, audit }), keys };
}

async function classified(gen: GeneratedEvent[]): Promise<ClassifiedEvent[]> {
  const rawPlan = planFields(catalog.resolve('cwp.events.RawEvent'));
  return Promise.all(gen.map((g) => classify(g.event, { plan: rawPlan, consent: { current: () => Promise.resolve([]) }, outputTopic: output })));
}

function admin_(role: string) {
  return { keys: adminKeys, kms: adminKms, audit, actor: `op-${role.toLowerCase()}`, role, rotationDays: 90 };
}

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: 3 }, { topic: output, partitions: 3 }, { topic: dlq, partitions: 1 }]);
  await registerSchema('cwp.events.ClassifiedEvent', `${input}-value`);
  await registerSchema(ENCRYPTED_EVENT_NAME, `${output}-value`);
  await createTopics(admin, [{ topic: alertTopic, partitions: 1 }]);
  await registerSchema('cwp.alerts.SecurityAlert', `${alertTopic}-value`);
  serde = serdeFor();
  const { databaseUrl, redisUrl } = stackEnv();
  await migrate({ databaseUrl, dir: KEYS_MIGRATIONS_DIR, schema: keysSchema });
  await migrate({ databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema: auditSchema });
  pool = createPool({ databaseUrl, applicationName: 'cwp-encryptor-it', max: 6 });
  audit = createAuditLog({ pool, schema: auditSchema });
  dir = mkdtempSync(join(tmpdir(), 'cwp-enc-it-'));
  writeFileSync(join(dir, 'keyring.json'), createLocalKeyring('it-kek'), { mode: 0o600 });
  kms = createLocalKms({ file: join(dir, 'keyring.json') });
  stageKeys = await createPgKeyStore({ pool, kms, schema: keysSchema, cacheTtlMs: 600_000, invalidation: createRedisInvalidationBus(redisUrl, channel) });
  // The operator's CLI is another process: its own KMS client and key store; invalidations reach the stage over Redis only.
  adminKms = createLocalKms({ file: join(dir, 'keyring.json') });
  adminKeys = await createPgKeyStore({ pool, kms: adminKms, schema: keysSchema, cacheMaxEntries: 0, invalidation: createRedisInvalidationBus(redisUrl, channel) });
  const schemaId = await serde.latestId(`${output}-value`);
  const config = loadStageConfig({}, { ...process.env, METRICS_PORT: '0', LOG_LEVEL: 'debug' });
  const capture = new Writable({ write(chunk: Buffer, _enc, cb) { logLines.push(chunk.toString('utf8')); cb(); } });
  stage = createStage({
    name: 'encryptor', groupId: uniqueName('it.encryptor.group'), input: { topic: input }, outputs: [{ topic: output }],
    transform: createEncryptor({ plan, keys: stageKeys, schemaId, outputTopic: output }),
    serde, config, logger: createLogger({ service: 'encryptor-it', level: 'debug', destination: capture }),
  });
  await stage.start();
});

after(async () => {
  await stage?.stop();
  await stageKeys?.close();
  await adminKeys?.close();
  await alertSink?.close();
  await deleteTopics(admin, [input, output, dlq, alertTopic]);
  await deleteSubjects(`${input}-value`, `${output}-value`, `${alertTopic}-value`);
  await admin.disconnect();
  await pool.query(`DROP SCHEMA IF EXISTS "${keysSchema}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${auditSchema}" CASCADE`);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
});

function protectedStrings(e: ClassifiedEvent): string[] {
  const [rawName, body] = Object.entries(e.payload as unknown as Record<string, Record<string, unknown>>)[0]!;
  const out: string[] = [];
  mapPlannedFields(body, plan.byRawName.get(rawName)!.plan, '', (_p, v) => { decodedStrings(v, out); return v; });
  return out;
}

/** Strings of `e` outside the fields the plan encrypts: what may legitimately appear in clear. */
function unprotectedStrings(e: ClassifiedEvent): string[] {
  const [rawName, body] = Object.entries(e.payload as unknown as Record<string, Record<string, unknown>>)[0]!;
  return decodedStrings({ ...e, payload: { [rawName]: mapPlannedFields(body, plan.byRawName.get(rawName)!.plan, '', () => null) } });
}

const gen = createGenerator({ seed: `it-encryptor-${suffix}` });
let generated: GeneratedEvent[] = [];
let originals: ClassifiedEvent[] = [];
let records: ReadRecord[] = [];

async function readOutput(n: number): Promise<ReadRecord[]> {
  return readTopic(kafka, output, { until: (r) => r.length >= n, timeoutMs: 90_000 });
}

test('round trip: every classified event comes out encrypted, with no protected value in the topic bytes, and decrypts to the original', { timeout: 180_000 }, async () => {
  generated = gen.batch(N);
  originals = await classified(generated);
  await produceEvents(kafka, serde, input, originals);
  records = await readOutput(N);
  assert.equal(records.length, N, 'every event encrypted exactly once');

  // The topic's bytes, all of them, against every protected value (and every planted PII string) of every event.
  const all = Buffer.concat(records.map((r) => r.value!));
  const decoded = await Promise.all(records.map(async (r) => (await serde.decode<Record<string, unknown>>(r.value!)).value));
  // A protected value may be skipped only when the INPUT holds it in a field that stays clear (a
  // quasi-identifier, the envelope's subjectId): what the output holds in clear never excuses a value.
  const legit = originals.flatMap((e) => unprotectedStrings(e));
  const clear = decoded.flatMap((v) => decodedStrings({ ...v, redactedText: {} }));
  // A free-text value whose released form is itself (no PII, every word on the lexicon) is in clear by
  // design, in redactedText; nothing else of the output excuses a value.
  const released = new Set(decoded.flatMap((v) => Object.values(v['redactedText'] as Record<string, string>)));
  let checked = 0;
  for (const [i, e] of originals.entries()) {
    const planted = new Set(generated[i]!.planted.map((p) => p.value));
    const values = new Set([...protectedStrings(e), ...planted]);
    for (const s of values) {
      // Too short to be unique, legitimately clear in the input, or a free text released as it is (never a planted value).
      if (s.length < 6 || legit.some((c) => c.includes(s)) || (!planted.has(s) && released.has(s) && releaseText(s, []) === s)) continue;
      assert.ok(!all.includes(Buffer.from(s, 'utf8')), `a protected value of ${e.eventType} appears in the bytes of ${output}`);
      assert.ok(!clear.some((c) => c.includes(s)), `a protected value of ${e.eventType} appears decoded in clear in ${output}`);
      checked += 1;
    }
  }
  assert.ok(checked > N * 3, `searched the topic for ${checked} protected values`);

  const { d, keys } = await decryptor();
  const byId = new Map(originals.map((e) => [e.eventId, e]));
  for (const r of records) {
    const back = await d.decrypt(r.value!, CPO);
    assert.deepEqual(norm(back), norm(byId.get(back.eventId)!));
  }
  await keys.close();
  const audited = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${auditSchema}".audit_records WHERE action = 'encrypted-event.decrypt' AND outcome = 'SUCCESS' AND actor = 'officer-7'`);
  assert.equal(Number(audited.rows[0]!.n), N, 'one audit record per decryption');
});

test('schema evolution: after a new version reorders and drops encrypted fields, records written under the old one still decrypt (planned from their writer schema)', { timeout: 60_000 }, async () => {
  assert.ok(records.length > 0, 'the round trip ran first');
  // Version B of the encrypted schema: ChildRecord without nickname and with its fields reversed (BACKWARD-compatible).
  const evolved = structuredClone(catalog.resolve(ENCRYPTED_EVENT_NAME)) as unknown as { fields: { name: string; type: unknown }[] };
  const union = evolved.fields.find((f) => f.name === 'payload')!.type as { name: string; fields: { name: string }[] }[];
  const child = union.find((b) => b.name === 'ChildRecord')!;
  assert.ok(child.fields.some((f) => f.name === 'nickname'));
  child.fields = child.fields.filter((f) => f.name !== 'nickname').reverse();
  const evolvedSubject = `${output}.evolved-value`;
  await registerSchemaJson(evolved, evolvedSubject);
  try {
    const idB = await serde.latestId(evolvedSubject);
    const planB = planEncryption(evolved as never);
    const childRecords = [];
    for (const r of records) {
      const { schemaId, value } = await serde.decode<EncryptedEvent>(r.value!);
      if (Object.keys(value.payload)[0] === 'cwp.encrypted.ChildRecord') childRecords.push({ r, schemaId, value });
    }
    assert.ok(childRecords.length > 5, `${childRecords.length} child records to read back`);
    assert.ok(childRecords.every((c) => c.schemaId !== idB), 'written under the old version');
    const { d, keys } = await decryptor();
    const byId = new Map(originals.map((e) => [e.eventId, e]));
    for (const c of childRecords) {
      // A reader planning from the newer schema cannot open them: the record ciphertext binds its writer's field set and order.
      await assert.rejects(decryptEvent(c.value, c.schemaId, keys, planB), CryptoError);
      assert.deepEqual(norm(await d.decrypt(c.r.value!, CPO)), norm(byId.get(c.value.eventId)!));
    }
    await keys.close();
  } finally {
    await deleteSubjects(evolvedSubject);
  }
});

test('other roles are refused, and the refusal is audited', async () => {
  const { d, keys } = await decryptor();
  await assert.rejects(d.decrypt(records[0]!.value!, { actor: 'analyst-1', role: 'DATA_ANALYST', purpose: 'curiosity' }), AuthorizationError);
  await assert.rejects(runKeyCommand('shred', { subjectId: 'x', reason: 'r' }, admin_('KEY_CUSTODIAN')), AuthorizationError, 'separation of duties');
  await keys.close();
  const denied = await pool.query<{ actor: string; details: { fields?: string } }>(`SELECT actor, details FROM "${auditSchema}".audit_records WHERE outcome = 'DENIED' ORDER BY seq`);
  assert.deepEqual(denied.rows.map((r) => r.actor), ['analyst-1', 'op-key_custodian']);
  // Every decryption record names its reader, purpose and fields (an event may have no payload field
  // under protection, so "payload." is looked for across all of them, not in an arbitrary one).
  const ok = await pool.query<{ details: { fields?: unknown }; subject: string; purpose: string; role: string }>(
    `SELECT details, subject, purpose, role FROM "${auditSchema}".audit_records WHERE outcome = 'SUCCESS' AND action = 'encrypted-event.decrypt'`);
  assert.ok(ok.rows.length > 0);
  for (const row of ok.rows) {
    assert.equal(row.role, 'CHILD_PROTECTION_OFFICER');
    assert.equal(row.purpose, CPO.purpose);
    assert.equal(typeof row.details.fields, 'string', 'each decryption record names the decrypted fields');
  }
  assert.ok(ok.rows.some((r) => String(r.details.fields).includes('payload.')), 'decrypted payload fields are named');
  assert.ok((await audit.verify(null)).ok, 'the audit chain verifies');
});

test('SOC alerts from decryption: a refusal (AUTHORIZATION_FAILURE), break-glass grant and use (BREAK_GLASS), expiry, bulk reads (BULK_DECRYPTION)', { timeout: 120_000 }, async () => {
  const config = loadStageConfig({}, { ...process.env, METRICS_PORT: '0' });
  alertSink = createSecurityAlertSink({ brokers: config.KAFKA_BROKERS, security: kafkaSecurityOf(config), serde, topic: alertTopic, clientId: 'it-encryptor-alerts' });
  const breakGlass = createPgBreakGlassStore(pool, keysSchema);
  let now = new Date();
  const keys = await createPgKeyStore({ pool, kms: createLocalKms({ file: join(dir, 'keyring.json') }), schema: keysSchema, cacheMaxEntries: 0 });
  const d = createAuthorisedDecryptor({ serde, keys, audit, alerts: alertSink, breakGlass, bulk: { threshold: 3, windowMs: 600_000 }, clock: () => now });
  try {
    // A clinician without a grant is refused, audited and alerted.
    const clinician = { actor: 'clinician-9', role: 'CLINICIAN', purpose: 'emergency treatment IT-9' };
    await assert.rejects(d.decrypt(records[0]!.value!, clinician), AuthorizationError);

    // Grants: only a security officer, never for themselves, with a reason.
    const grantDeps = { store: breakGlass, audit, alerts: alertSink, now: () => now };
    await assert.rejects(grantBreakGlass({ actor: 'clinician-9', reason: 'ward emergency, no officer on call', minutes: 30 }, { ...grantDeps, actor: 'op-kc', role: 'KEY_CUSTODIAN' }), AuthorizationError);
    await assert.rejects(grantBreakGlass({ actor: 'secoff-1', reason: 'ward emergency, no officer on call', minutes: 30 }, { ...grantDeps, actor: 'secoff-1', role: 'SECURITY_OFFICER' }), /themselves/);
    await assert.rejects(grantBreakGlass({ actor: 'clinician-9', reason: 'x', minutes: 30 }, { ...grantDeps, actor: 'secoff-1', role: 'SECURITY_OFFICER' }), /reason/);
    const grant = await grantBreakGlass({ actor: 'clinician-9', reason: 'ward emergency, no officer on call', minutes: 30 }, { ...grantDeps, actor: 'secoff-1', role: 'SECURITY_OFFICER' });

    // Under the grant the clinician reads one record; the read is audited with the grant's id.
    const back = await d.decrypt(records[0]!.value!, clinician);
    assert.equal(back.eventId, originals.find((e) => e.eventId === back.eventId)?.eventId);
    const used = await pool.query<{ details: { breakGlassGrant?: string } }>(
      `SELECT details FROM "${auditSchema}".audit_records WHERE actor = 'clinician-9' AND outcome = 'SUCCESS' AND action = 'encrypted-event.decrypt'`);
    assert.deepEqual(used.rows.map((r) => r.details.breakGlassGrant), [grant.grantId]);

    // The grant expires by itself.
    now = new Date(now.getTime() + 31 * 60_000);
    await assert.rejects(d.decrypt(records[1]!.value!, clinician), AuthorizationError);

    // Bulk: the third read by one officer within the window raises BULK_DECRYPTION, once. (Back to
    // real time: the audit log stamps records with its own clock, which the window is counted on.)
    now = new Date();
    const officer = { actor: 'officer-bulk', role: 'CHILD_PROTECTION_OFFICER', purpose: 'case sweep IT-10' };
    for (let i = 0; i < 5; i++) await d.decrypt(records[i]!.value!, officer);

    const alerts = await alertsRaised(5);
    const summary = alerts.map((a) => `${a.category}:${a.principal}:${a.attributes.event ?? ''}`);
    assert.deepEqual(summary, [
      'AUTHORIZATION_FAILURE:clinician-9:', 'BREAK_GLASS:clinician-9:grant', 'BREAK_GLASS:clinician-9:use', 'AUTHORIZATION_FAILURE:clinician-9:', 'BULK_DECRYPTION:officer-bulk:',
    ]);
    assert.equal(alerts[1]!.attributes.grantId, grant.grantId);
    assert.equal(alerts[4]!.attributes.decryptions, '3');
    // Alerts carry names and counts, never a decrypted value.
    const protectedValues = protectedStrings(back).filter((v) => v.length >= 4);
    for (const a of alerts) for (const v of protectedValues) assert.ok(!JSON.stringify(a).includes(v), 'no decrypted value in an alert');
  } finally {
    await keys.close();
  }
});

test('KEK rotation + rewrap: new DEKs use the new KEK version, old DEKs move without touching records, every old event decrypts', { timeout: 120_000 }, async () => {
  const before = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${keysSchema}".deks`);
  assert.match(await runKeyCommand('rotate-kek', {}, admin_('KEY_CUSTODIAN')), /KEK version 2/);
  const more = await classified(gen.batch(40));
  await produceEvents(kafka, serde, input, more);
  originals.push(...more);
  records = await readOutput(N + 40);
  const fresh = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${keysSchema}".deks WHERE kek_version = 2`);
  assert.ok(Number(fresh.rows[0]!.n) > 0, 'DEKs created by the running stage after the rotation are wrapped by KEK v2');
  const summary = await runKeyCommand('rewrap', {}, admin_('KEY_CUSTODIAN'));
  assert.ok(summary.startsWith(`${before.rows[0]!.n} DEK`), summary);
  const versions = await pool.query<{ kek_version: number }>(`SELECT DISTINCT kek_version FROM "${keysSchema}".deks`);
  assert.deepEqual(versions.rows.map((r) => r.kek_version), [2]);
  const { d, keys } = await decryptor();
  for (const r of records) await d.decrypt(r.value!, { ...CPO, role: 'AUDITOR' });
  await keys.close();
});

test('crypto-shredding one child: none of its events decrypt (re-read from the topic), everyone else\'s do; late events are dead-lettered; restore gives a new key', { timeout: 180_000 }, async () => {
  const counts = new Map<string, number>();
  for (const e of originals) if (e.subjectType === 'CHILD') counts.set(e.subjectId, (counts.get(e.subjectId) ?? 0) + 1);
  const [child] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  // Key material that exists right now (unwrapped through the KMS), to look for in logs and DLQ headers.
  const rows = await pool.query<{ key_id: string; version: number; kek_id: string; kek_version: number; wrapped: Buffer }>(`SELECT key_id, version, kek_id, kek_version, wrapped FROM "${keysSchema}".deks`);
  const secrets: string[] = [];
  for (const r of rows.rows) {
    const plain = await kms.unwrap({ kekId: r.kek_id, kekVersion: r.kek_version, blob: r.wrapped });
    const dek = plain.subarray(plain.length - 32);
    secrets.push(dek.toString('hex'), dek.toString('base64'));
  }
  const ring = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')) as { keys: Record<string, string> };
  secrets.push(...Object.values(ring.keys));

  assert.match(await runKeyCommand('shred', { subjectId: child, reason: 'erasure request ER-1' }, admin_('DATA_PROTECTION_OFFICER')), /destroyed/);
  const reread = await readTopic(kafka, output, { until: (r) => r.length >= records.length, timeoutMs: 60_000 });
  const { d, keys } = await decryptor();
  let unreadable = 0;
  let readable = 0;
  for (const r of reread) {
    const subject = r.key!.toString();
    if (subject === child) {
      await assert.rejects(d.decrypt(r.value!, CPO), (e: unknown) => (e as { code?: string }).code === 'KEY_SHREDDED');
      unreadable += 1;
    } else {
      await d.decrypt(r.value!, CPO);
      readable += 1;
    }
  }
  await keys.close();
  assert.equal(unreadable, counts.get(child));
  assert.equal(readable, reread.length - unreadable);

  // A late event for the shredded child: the running stage had its DEK cached; the Redis invalidation
  // and the tombstone make it dead-letter the event instead of silently creating a new key.
  const lateRaw = { ...gen.ofType('HEALTH_OBSERVATION').event, subjectId: child };
  const late = await classified([{ event: lateRaw, key: child, planted: [] }]);
  await produceEvents(kafka, serde, input, late);
  const dead = await readTopic(kafka, dlq, { until: (r) => r.length >= 1, timeoutMs: 60_000 });
  assert.equal(dead.length, 1);
  assert.equal(dead[0]!.headers['dlq.error.code']?.toString(), 'SUBJECT_SHREDDED');
  const keyRows = await pool.query(`SELECT 1 FROM "${keysSchema}".subjects WHERE subject_id = $1`, [child]);
  assert.equal(keyRows.rowCount, 0, 'no key was created for the shredded child');

  const dlqHeaders = dead.flatMap((r) => Object.values(r.headers).map((v) => String(v)));
  const logs = logLines.join('');
  assert.ok(logLines.length > 0, 'logs were captured');
  for (const s of secrets) {
    assert.ok(!logs.includes(s), 'no key material in the logs');
    assert.ok(!dlqHeaders.some((h) => h.includes(s)), 'no key material in DLQ headers');
  }

  // Restore: the next event gets a new key id; the old records stay unreadable.
  await runKeyCommand('restore', { subjectId: child, reason: 'erasure request ER-1 withdrawn' }, admin_('DATA_PROTECTION_OFFICER'));
  const again = await classified([{ event: { ...gen.ofType('MISSED_CHECK_IN').event, subjectId: child }, key: child, planted: [] }]);
  await produceEvents(kafka, serde, input, again);
  const final = await readOutput(reread.length + 1);
  const newest = final.find((r) => !reread.some((o) => o.partition === r.partition && o.offset === r.offset));
  assert.ok(newest, 'the restored child\'s event was encrypted');
  const { d: d2, keys: k2 } = await decryptor();
  assert.equal((await d2.decrypt(newest.value!, CPO)).subjectId, child);
  await k2.close();
});

test('DEK rotation and the 90-day rule: stale DEKs are rotated, new events use the new version, old ones still decrypt', { timeout: 60_000 }, async () => {
  await pool.query(`UPDATE "${keysSchema}".deks SET created_at = now() - interval '91 days' WHERE key_id IN (SELECT key_id FROM "${keysSchema}".subjects ORDER BY subject_id LIMIT 5)`);
  assert.match(await runKeyCommand('enforce-rotation', { dryRun: true }, admin_('KEY_CUSTODIAN')), /^5 subject/);
  assert.match(await runKeyCommand('enforce-rotation', {}, admin_('KEY_CUSTODIAN')), /^5 subject DEK/);
  assert.match(await runKeyCommand('enforce-rotation', { dryRun: true }, admin_('KEY_CUSTODIAN')), /^0 subject/);
  const v2 = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${keysSchema}".deks WHERE version = 2`);
  assert.ok(Number(v2.rows[0]!.n) >= 5);
  const { d, keys } = await decryptor();
  for (const r of records.slice(0, 50)) await d.decrypt(r.value!, CPO).catch((e: { code?: string }) => assert.equal(e.code, 'KEY_SHREDDED'));
  await keys.close();
});
