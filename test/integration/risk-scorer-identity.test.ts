// The risk scorer's identity envelope against the real PostgreSQL key store, local KMS (the stack's
// keyring), Redis invalidation and audit chain, in test-private schemas: sealed under the child's
// own DEK (the very key the encryptor uses for the child), opened only by a CHILD_PROTECTION_OFFICER
// (library and `cwp-decrypt alert-identity`), every attempt audited under the alert's pseudonym and
// never the child id; bound to its alert; unreadable once the child is shredded, and a shredded
// child's new alert carries the SHREDDED marker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import type { ChildSafetyAlert } from '@cwp/avro';
import { AUDIT_MIGRATIONS_DIR, createAuditLog } from '@cwp/audit';
import type { AuditLog } from '@cwp/audit';
import type { KeyStore } from '@cwp/crypto';
import {
  CryptoError, KeyUnavailableError, SHREDDED_ALERT_IDENTITY, createLocalKms, createPgKeyStore, createRedisInvalidationBus, parseFieldEnvelope,
} from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { AuthorizationError } from '@cwp/errors';
import { createAlertIdentityOpener, DECRYPT_ALERT_IDENTITY } from '@cwp/encryptor';
import type { AlertIdentityOpener } from '@cwp/encryptor';
import { createKeyStoreIdentitySealer } from '@cwp/risk-scorer';
import type { IdentitySealer } from '@cwp/risk-scorer';
import { privateKeyStore, type PrivateKeyStore } from '../../services/risk-scorer/test/stage-process.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, produceRaw, readTopic, registerSchema, serdeFor, uniqueName, waitFor } from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';

const auditSchema = `audit_it_risk_${Date.now().toString(36)}`;
const OFFICER = { actor: 'officer-12', role: 'CHILD_PROTECTION_OFFICER', purpose: 'alert triage IT-8' };
let ks: PrivateKeyStore;
let pool: pg.Pool;
let scorerKeys: KeyStore;
let encryptorKeys: KeyStore;
let adminKeys: KeyStore;
let readerKeys: KeyStore;
let audit: AuditLog;
let sealer: IdentitySealer;
let opener: AlertIdentityOpener;

const newChild = (): string => `CHD-IT-${randomUUID().slice(0, 12)}`;
const newAlertId = (): string => `csa-${randomUUID().replace(/-/g, '')}`;
const envelopeKeyId = (env: string): string => parseFieldEnvelope(Buffer.from(env.split('.').pop()!, 'base64url')).keyId;

interface AuditRow { actor: string; role: string; action: string; subject: string; purpose: string; outcome: string; details: Record<string, unknown> }

async function auditRows(alertId: string): Promise<AuditRow[]> {
  return (await pool.query<AuditRow>(`SELECT actor, role, action, subject, purpose, outcome, details FROM "${auditSchema}".audit_records WHERE details->>'alertId' = $1 ORDER BY seq`, [alertId])).rows;
}

before(async () => {
  ks = await privateKeyStore('it_risk_identity');
  const { databaseUrl, redisUrl } = stackEnv();
  await migrate({ databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema: auditSchema });
  pool = createPool({ databaseUrl, applicationName: 'cwp-it-risk-identity', max: 6 });
  audit = createAuditLog({ pool, schema: auditSchema });
  // Separate processes in production: each its own KMS client and key store on the same schema.
  const store = async (opts: { cache: boolean; bus: boolean }): Promise<KeyStore> => createPgKeyStore({
    pool, kms: createLocalKms({ file: ks.env.LOCAL_KMS_KEYRING_FILE }), schema: ks.env.KEYS_SCHEMA, cacheMaxEntries: opts.cache ? 1000 : 0,
    ...(opts.bus ? { invalidation: createRedisInvalidationBus(redisUrl, ks.env.KEY_INVALIDATION_CHANNEL) } : {}),
  });
  scorerKeys = await store({ cache: true, bus: true });
  encryptorKeys = await store({ cache: true, bus: true });
  adminKeys = await store({ cache: false, bus: true });
  readerKeys = await store({ cache: false, bus: false });
  sealer = createKeyStoreIdentitySealer({ keys: scorerKeys });
  opener = createAlertIdentityOpener({ keys: readerKeys, audit });
});

after(async () => {
  for (const k of [scorerKeys, encryptorKeys, adminKeys, readerKeys]) await k?.close();
  await pool?.query(`DROP SCHEMA IF EXISTS "${auditSchema}" CASCADE`);
  await pool?.end();
  await ks?.drop();
});

test('sealed under the child\'s own DEK (the encryptor\'s key for the child); an officer opens it, audited under the pseudonym', async () => {
  const child = newChild();
  const alertId = newAlertId();
  const env = await sealer.seal(child, alertId);
  assert.ok(!env.includes(child));
  assert.equal(envelopeKeyId(env), (await encryptorKeys.currentDek(child)).keyId, 'one DEK per child, shared with the encryptor');
  assert.notEqual(envelopeKeyId(await sealer.seal(newChild(), alertId)), envelopeKeyId(env), 'another child, another key');
  assert.equal(await opener.open({ alertId, childPseudonym: 'risk-pseudo-1', identityEnvelope: env }, OFFICER), child);
  const rows = await auditRows(alertId);
  assert.deepEqual(rows.map((r) => [r.actor, r.role, r.action, r.subject, r.purpose, r.outcome]),
    [['officer-12', 'CHILD_PROTECTION_OFFICER', DECRYPT_ALERT_IDENTITY, 'risk-pseudo-1', OFFICER.purpose, 'SUCCESS']]);
  assert.ok(!JSON.stringify(rows).includes(child), 'the immutable audit chain never holds the child id');
});

test('any other role, or no purpose, is refused and the refusal audited', async () => {
  const child = newChild();
  const alertId = newAlertId();
  const env = await sealer.seal(child, alertId);
  for (const role of ['AUDITOR', 'ANALYST', '']) {
    await assert.rejects(opener.open({ alertId, childPseudonym: 'p', identityEnvelope: env }, { ...OFFICER, role }), (e: unknown) => e instanceof AuthorizationError && e.code === 'ROLE_NOT_ALLOWED');
  }
  await assert.rejects(opener.open({ alertId, childPseudonym: 'p', identityEnvelope: env }, { ...OFFICER, purpose: ' ' }), (e: unknown) => e instanceof AuthorizationError && e.code === 'PURPOSE_REQUIRED');
  const rows = await auditRows(alertId);
  assert.deepEqual(rows.map((r) => [r.role, r.action, r.outcome]), [['AUDITOR', DECRYPT_ALERT_IDENTITY, 'DENIED'], ['ANALYST', DECRYPT_ALERT_IDENTITY, 'DENIED'], ['', DECRYPT_ALERT_IDENTITY, 'DENIED'], ['CHILD_PROTECTION_OFFICER', DECRYPT_ALERT_IDENTITY, 'DENIED']]);
});

test('an envelope moved to another alert id fails to open (AAD), and the failure is audited', async () => {
  const child = newChild();
  const [a, b] = [newAlertId(), newAlertId()];
  const env = await sealer.seal(child, a);
  await assert.rejects(opener.open({ alertId: b, childPseudonym: 'p', identityEnvelope: env }, OFFICER), (e: unknown) => e instanceof CryptoError && e.code === 'DECRYPT_FAILED');
  assert.deepEqual((await auditRows(b)).map((r) => [r.outcome, r.details.reason]), [['FAILURE', 'DECRYPT_FAILED']]);
  assert.equal(await opener.open({ alertId: a, childPseudonym: 'p', identityEnvelope: env }, OFFICER), child);
});

test('after crypto-shredding the child: old envelopes fail KEY_SHREDDED; new alerts still go out, with the SHREDDED marker', { timeout: 30_000 }, async () => {
  const child = newChild();
  const alertId = newAlertId();
  const env = await sealer.seal(child, alertId);
  const bystander = newChild();
  const other = await sealer.seal(bystander, alertId);
  await adminKeys.shred(child, 'dpo-1', 'erasure request IT-8');
  await assert.rejects(opener.open({ alertId, childPseudonym: 'p', identityEnvelope: env }, OFFICER), (e: unknown) => e instanceof KeyUnavailableError && e.code === 'KEY_SHREDDED');
  // The scorer's cached DEK goes with the invalidation over Redis (the TTL bounds a lost message).
  await waitFor('the scorer to see the shred', async () => (await sealer.seal(child, newAlertId())) === SHREDDED_ALERT_IDENTITY, 10_000, 50);
  const late = newAlertId();
  const marker = await sealer.seal(child, late);
  assert.equal(marker, SHREDDED_ALERT_IDENTITY);
  await assert.rejects(opener.open({ alertId: late, childPseudonym: 'p', identityEnvelope: marker }, OFFICER), (e: unknown) => e instanceof KeyUnavailableError && e.code === 'KEY_SHREDDED');
  assert.equal(await adminKeys.isShredded(child), true, 'sealing created no new key for the shredded child');
  assert.equal((await pool.query(`SELECT 1 FROM "${ks.env.KEYS_SCHEMA}".subjects WHERE subject_id = $1`, [child])).rowCount, 0);
  assert.deepEqual((await auditRows(alertId)).map((r) => [r.outcome, r.details.reason]), [['FAILURE', 'KEY_SHREDDED']]);
  assert.equal(await opener.open({ alertId, childPseudonym: 'p', identityEnvelope: other }, OFFICER), bystander, 'everyone else\'s alerts still open');
});

test('`cwp-decrypt alert-identity` reads an alert from the topic: an officer gets the child id (exit 0), an auditor is refused (exit 3)', { timeout: 90_000 }, async () => {
  const kafka = createKafka('cwp-it-risk-identity');
  const admin: Admin = kafka.admin();
  await admin.connect();
  const topic = uniqueName('it.risk.identity.alerts');
  const serde = serdeFor();
  try {
    await createTopics(admin, [{ topic, partitions: 1 }]);
    await registerSchema('cwp.alerts.ChildSafetyAlert', `${topic}-value`);
    const child = newChild();
    const alertId = newAlertId();
    const alert: ChildSafetyAlert = {
      alertId, childPseudonym: 'risk-pseudo-cli', identityEnvelope: await sealer.seal(child, alertId), condition: 'MISSING_CHILD', severity: 'HIGH', status: 'OPEN',
      score: 10, threshold: 8, signals: [], legalBasis: 'VITAL_INTEREST', triggeringEventId: randomUUID(), ruleSetVersion: 'it', createdAt: Date.now(),
    };
    await produceRaw(kafka, topic, [{ key: alert.childPseudonym, value: await serde.encode(`${topic}-value`, alert) }]);
    const [rec] = await readTopic(kafka, topic, { until: (r) => r.length >= 1, timeoutMs: 30_000, settleMs: 200 });
    const cli = (role: string) => spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'services/encryptor/src/cli/decrypt.ts',
      'alert-identity', '--topic', topic, '--partition', String(rec!.partition), '--offset', rec!.offset, '--purpose', 'alert triage IT-8 (cli)'], {
      encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, ...ks.env, ...stackEnv().env, AUDIT_SCHEMA: auditSchema, CWP_ACTOR: 'officer-cli', CWP_ROLE: role },
    });
    const ok = cli('CHILD_PROTECTION_OFFICER');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { alertId, childPseudonym: 'risk-pseudo-cli', childId: child });
    assert.ok(!ok.stderr.includes(child));
    const denied = cli('AUDITOR');
    assert.equal(denied.status, 3, denied.stderr);
    assert.ok(!denied.stdout.includes(child) && !denied.stderr.includes(child));
    assert.deepEqual((await auditRows(alertId)).map((r) => [r.actor, r.role, r.subject, r.outcome]),
      [['officer-cli', 'CHILD_PROTECTION_OFFICER', 'risk-pseudo-cli', 'SUCCESS'], ['officer-cli', 'AUDITOR', 'risk-pseudo-cli', 'DENIED']]);
  } finally {
    await deleteTopics(admin, [topic]);
    await deleteSubjects(`${topic}-value`);
    await admin.disconnect();
  }
});
