// Issue 9 acceptance (audit part), against the real PostgreSQL: the trail is append-only for the
// application, and altering, deleting or reordering any single row makes `audit verify` fail and
// name it, even for someone who can disable the append-only triggers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { createPool, migrate } from '@cwp/db';
import { AUDIT_MIGRATIONS_DIR, createAuditLog, createCheckpointSigner, createCheckpointVerifier } from '@cwp/audit';
import type { AuditLog } from '@cwp/audit';
import type { SecurityAlert } from '@cwp/avro';
import type { Admin, Kafka } from 'kafkajs';
import { REPO_ROOT, stackEnv, uniqueName } from '../support/stack.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, readTopic, registerSchema, serdeFor } from './helpers/stream-fixtures.js';

const run = promisify(execFile);
const schema = `audit_test_${Date.now().toString(36)}_${Math.floor(process.hrtime()[1] % 1e6)}`;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyDir = mkdtempSync(join(tmpdir(), 'cwp-audit-'));
const publicKeysFile = join(keyDir, 'audit-public.pem');
writeFileSync(publicKeysFile, publicKey.export({ type: 'spki', format: 'pem' }));

let pool: pg.Pool;
let log: AuditLog;
let kafka: Kafka;
let admin: Admin;
// Every broken verification raises AUDIT_CHAIN_BREAK; the tests' alerts go to a private topic.
const alertTopic = uniqueName('it.audit.alerts');
const ROWS = 25;

before(async () => {
  const { databaseUrl } = stackEnv();
  await migrate({ databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema });
  pool = createPool({ databaseUrl, applicationName: 'cwp-audit-test', max: 4 });
  log = createAuditLog({ pool, schema, signer: createCheckpointSigner(privatePem), checkpointEvery: 10 });
  kafka = createKafka('cwp-it-audit');
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: alertTopic, partitions: 1 }]);
  await registerSchema('cwp.alerts.SecurityAlert', `${alertTopic}-value`);
});

after(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
  await deleteTopics(admin, [alertTopic]);
  await deleteSubjects(`${alertTopic}-value`);
  await admin.disconnect();
  rmSync(keyDir, { recursive: true, force: true });
});

async function verifyCli(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--conditions=source', 'libs/audit/src/cli/audit.ts', 'verify'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...stackEnv().env, AUDIT_SCHEMA: schema, AUDIT_PUBLIC_KEYS_FILE: publicKeysFile, SECURITY_ALERT_TOPIC: alertTopic },
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

/** Runs `tamper` with the append-only triggers off (as a database owner could), then restores them. */
async function tampered(tamper: string, check: () => Promise<void>): Promise<void> {
  const snapshot = `${schema}_snap`;
  await pool.query(`CREATE TABLE "${schema}".${snapshot} AS TABLE "${schema}".audit_records`);
  await pool.query(`ALTER TABLE "${schema}".audit_records DISABLE TRIGGER USER`);
  try {
    await pool.query(tamper.replaceAll('$S', `"${schema}"`));
    await check();
  } finally {
    await pool.query(`DELETE FROM "${schema}".audit_records`);
    await pool.query(`INSERT INTO "${schema}".audit_records SELECT * FROM "${schema}".${snapshot}`);
    await pool.query(`DROP TABLE "${schema}".${snapshot}`);
    await pool.query(`ALTER TABLE "${schema}".audit_records ENABLE TRIGGER USER`);
  }
}

test('appends chain, checkpoints are signed, and the untouched chain verifies', async () => {
  // Concurrent appends from several connections still form one gap-free chain.
  await Promise.all(Array.from({ length: ROWS }, (_, i) => log.append({
    actor: `officer-${i % 4}`, role: 'CHILD_PROTECTION_OFFICER', action: 'DECRYPT', subject: `CHD-${1000 + i}`, purpose: 'CASE_REVIEW', outcome: 'SUCCESS', details: { fields: 3, i },
  })));
  const report = await log.verify(createCheckpointVerifier([publicKey.export({ type: 'spki', format: 'pem' }).toString()]));
  assert.deepEqual(report, { ok: true, records: ROWS, checkpoints: 2, headSeq: ROWS });
  const cli = await verifyCli();
  assert.equal(cli.code, 0, cli.stdout);
  assert.match(cli.stdout, /audit chain OK: 25 record\(s\), 2 signed checkpoint\(s\)/);
});

test('the application cannot update, delete or truncate audit rows', async () => {
  await assert.rejects(pool.query(`UPDATE "${schema}".audit_records SET outcome = 'DENIED' WHERE seq = 3`), /append-only/);
  await assert.rejects(pool.query(`DELETE FROM "${schema}".audit_records WHERE seq = 3`), /append-only/);
  await assert.rejects(pool.query(`TRUNCATE "${schema}".audit_records`), /append-only/);
});

test('altering any single row makes audit verify fail and name it', async () => {
  for (const seq of [1, 13, ROWS]) {
    await tampered(`UPDATE $S.audit_records SET actor = 'someone-else' WHERE seq = ${seq}`, async () => {
      const cli = await verifyCli();
      assert.equal(cli.code, 1);
      assert.match(cli.stdout, new RegExp(`BROKEN at record ${seq}: record ${seq} was altered`));
    });
  }
});

test('deleting any single row makes audit verify fail and name it', async () => {
  for (const seq of [2, 14, ROWS]) {
    await tampered(`DELETE FROM $S.audit_records WHERE seq = ${seq}`, async () => {
      const cli = await verifyCli();
      assert.equal(cli.code, 1);
      assert.match(cli.stdout, new RegExp(`BROKEN at record ${seq}\\b`));
    });
  }
});

test('reordering rows makes audit verify fail and name the first moved row', async () => {
  // Swap the sequence numbers of rows 7 and 8 (the rows themselves keep their hashes).
  await tampered(`UPDATE $S.audit_records SET seq = CASE seq WHEN 7 THEN 1000008 WHEN 8 THEN 1000007 END WHERE seq IN (7, 8);
                  UPDATE $S.audit_records SET seq = seq - 1000000 WHERE seq > 1000000`, async () => {
    const cli = await verifyCli();
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /BROKEN at record 7\b/);
  });
});

test('a chain rewritten after an alteration is caught by its signed checkpoint', async () => {
  // Alter row 4 and recompute every later hash consistently: only the signatures can tell.
  const { rows } = await pool.query<{ seq: string }>(`SELECT seq FROM "${schema}".audit_records ORDER BY seq`);
  assert.equal(rows.length, ROWS);
  await tampered(`UPDATE $S.audit_records SET outcome = 'DENIED' WHERE seq = 4`, async () => {
    await rechainFrom(4);
    const cli = await verifyCli();
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /BROKEN at record 10: the chain was rewritten/);
  });
});

test('every broken verification raised one AUDIT_CHAIN_BREAK alert naming the first bad record; the clean ones none', { timeout: 60_000 }, async () => {
  // The tests above broke the chain 8 times: altered 1, 13, 25; deleted 2, 14, 25; reordered at 7; rewritten, caught at 10.
  const records = await readTopic(kafka, alertTopic, { until: (r) => r.length >= 8, timeoutMs: 30_000, settleMs: 1500 });
  const serde = serdeFor();
  const alerts = await Promise.all(records.map(async (r) => (await serde.decode<SecurityAlert>(r.value!)).value));
  assert.deepEqual(alerts.map((a) => a.category), Array(8).fill('AUDIT_CHAIN_BREAK'));
  assert.deepEqual(alerts.map((a) => a.attributes.firstBadSeq), ['1', '13', '25', '2', '14', '25', '7', '10']);
  assert.ok(alerts.every((a) => a.severity === 'CRITICAL' && a.attributes.schema === schema));
});

async function rechainFrom(seq: number): Promise<void> {
  const { chainHash } = await import('@cwp/audit');
  const { rows } = await pool.query<{ seq: string; recorded_at: Date; actor: string; role: string; action: string; subject: string | null; purpose: string | null; outcome: string; details: Record<string, string | number | boolean | null>; prev_hash: Buffer }>(
    `SELECT * FROM "${schema}".audit_records WHERE seq >= $1 ORDER BY seq`, [seq]);
  let prev: Uint8Array = new Uint8Array(rows[0]!.prev_hash);
  for (const r of rows) {
    const hash = chainHash(prev, { seq: Number(r.seq), recordedAt: r.recorded_at, actor: r.actor, role: r.role, action: r.action, subject: r.subject, purpose: r.purpose, outcome: r.outcome, details: r.details });
    await pool.query(`UPDATE "${schema}".audit_records SET prev_hash = $1, hash = $2 WHERE seq = $3`, [Buffer.from(prev), Buffer.from(hash), r.seq]);
    prev = hash;
  }
  await pool.query(`UPDATE "${schema}".audit_head SET hash = $1 WHERE id`, [Buffer.from(prev)]);
}
