// The PostgreSQL key store's coalesced cache-miss path, on the real PostgreSQL: concurrent
// currentDek misses of one event-loop turn are answered by one query, each subject gets its own DEK
// (existing ones loaded, missing ones created once, a turn's new subjects in one transaction per
// FIRST_DEK_BATCH), a shredded subject is refused, and the keys are the ones a fresh, uncached store
// loads one by one; two stores creating the same new subjects at once agree on every key; a shred
// that holds a subject's lock while its first DEK waits wins (no key), and a KMS failure fails the
// group's waiters with nothing written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { DataKey, KeyStore, Kms } from '@cwp/crypto';
import { FIRST_DEK_BATCH, KEYS_MIGRATIONS_DIR, SubjectShreddedError, createLocalKeyring, createLocalKms, createPgKeyStore } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { DependencyError } from '@cwp/errors';
import { waitFor } from './helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';

const schema = `keys_it_batch_${Date.now().toString(36)}`;
let pool: pg.Pool;
let kms: Kms;
let dir: string;

/** The pool with a count of the statements it ran and of the clients it lent (transactions); the real pool, only counted. */
function countingPool(p: pg.Pool): { pool: pg.Pool; count: () => number; connects: () => number } {
  let n = 0;
  let c = 0;
  const counted = new Proxy(p, {
    get(target, prop, receiver) {
      if (prop === 'query') return (...args: unknown[]) => { n += 1; return (target.query as (...a: unknown[]) => unknown)(...args); };
      if (prop === 'connect') return (...args: unknown[]) => { c += 1; return (target.connect as (...a: unknown[]) => unknown)(...args); };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { pool: counted, count: () => n, connects: () => c };
}

before(async () => {
  const { databaseUrl } = stackEnv();
  await migrate({ databaseUrl, dir: KEYS_MIGRATIONS_DIR, schema });
  pool = createPool({ databaseUrl, applicationName: 'cwp-it-key-store', max: 8 });
  dir = mkdtempSync(join(tmpdir(), 'cwp-it-keys-'));
  writeFileSync(join(dir, 'keyring.json'), createLocalKeyring('it-batch-kek'), { mode: 0o600 });
  kms = createLocalKms({ file: join(dir, 'keyring.json') });
});

after(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
});

const sameKey = (a: DataKey, b: DataKey): boolean => a.keyId === b.keyId && a.version === b.version && a.key.export().equals(b.key.export());

test('concurrent cache misses: one query for all existing subjects, missing ones created once, shredded refused, keys as loaded one by one', async () => {
  const existing = Array.from({ length: 120 }, (_, i) => `KS-OLD-${i}`);
  const fresh = Array.from({ length: 7 }, (_, i) => `KS-NEW-${i}`);
  const shredded = 'KS-SHREDDED';
  const setup: KeyStore = await createPgKeyStore({ pool, kms, schema, cacheMaxEntries: 0 });
  for (const id of [...existing, shredded]) await setup.currentDek(id);
  await setup.shred(shredded, 'it-operator', 'test');

  const { pool: counted, count } = countingPool(pool);
  const store = await createPgKeyStore({ pool: counted, kms, schema });
  const before = count();
  const loaded = await Promise.all(existing.map((id) => store.currentDek(id)));
  assert.equal(count() - before, 1, 'one query answers every miss of the turn');
  assert.equal(new Set(loaded.map((k) => k.keyId)).size, existing.length, 'each subject has its own key');

  // A mix in one turn: existing (cached now), new subjects, the same new subject twice, a shredded one.
  const mixed = await Promise.allSettled([...fresh, fresh[0]!, shredded, existing[0]!].map((id) => store.currentDek(id)));
  const rejected = mixed.filter((r) => r.status === 'rejected');
  assert.equal(rejected.length, 1, 'only the shredded subject is refused');
  assert.ok((rejected[0] as PromiseRejectedResult).reason instanceof SubjectShreddedError);
  const got = mixed.map((r) => (r.status === 'fulfilled' ? r.value : null));
  assert.ok(sameKey(got[0]!, got[fresh.length]!), 'the same subject asked twice in one turn gets one key');
  assert.ok(sameKey(got[fresh.length + 2]!, loaded[0]!));

  // A fresh, uncached store loading one at a time sees exactly the same keys (nothing created twice).
  const reference: KeyStore = await createPgKeyStore({ pool, kms, schema, cacheMaxEntries: 0 });
  for (const [i, id] of existing.entries()) assert.ok(sameKey(await reference.currentDek(id), loaded[i]!), `key of ${id}`);
  for (const [i, id] of fresh.entries()) assert.ok(sameKey(await reference.currentDek(id), got[i]!), `key of ${id}`);
  const versions = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".deks`);
  assert.equal(Number(versions.rows[0]!.n), existing.length + fresh.length, 'one DEK per live subject');
  await Promise.all([setup.close(), store.close(), reference.close()]);
});

test('a failed coalesced query rejects every waiter, and the next miss queries again', async () => {
  const store = await createPgKeyStore({ pool, kms, schema: `${schema}_missing`, cacheMaxEntries: 0 });
  const results = await Promise.allSettled(['KS-A', 'KS-B', 'KS-C'].map((id) => store.currentDek(id)));
  assert.ok(results.every((r) => r.status === 'rejected'), 'an unmigrated schema fails every waiter');
  const again = await Promise.allSettled([store.currentDek('KS-A')]);
  assert.equal(again[0].status, 'rejected', 'and is asked again, not answered from a stale promise');
  await store.close();
});

test("a turn's new subjects get their first DEKs in one transaction per FIRST_DEK_BATCH; two stores racing on the same subjects create each DEK once", async () => {
  const subjects = Array.from({ length: 150 }, (_, i) => `KS-RACE-${i}`);
  const a = countingPool(pool);
  const storeA = await createPgKeyStore({ pool: a.pool, kms, schema });
  const storeB = await createPgKeyStore({ pool, kms, schema });
  // B asks in the reverse order; both turns run at once, so their creating transactions overlap.
  const [fromA, fromB] = await Promise.all([
    Promise.all(subjects.map((id) => storeA.currentDek(id))),
    Promise.all([...subjects].reverse().map((id) => storeB.currentDek(id))).then((ks) => ks.reverse()),
  ]);
  assert.equal(a.connects(), Math.ceil(subjects.length / FIRST_DEK_BATCH), `one transaction per ${FIRST_DEK_BATCH} of the turn's new subjects`);
  for (const [i, id] of subjects.entries()) assert.ok(sameKey(fromA[i]!, fromB[i]!), `both stores hold the same key for ${id}`);
  assert.equal(new Set(fromA.map((k) => k.keyId)).size, subjects.length, 'each subject has its own key');
  const rows = await pool.query<{ n: string; v: number }>(`SELECT count(*) AS n, max(d.version) AS v FROM "${schema}".deks d JOIN "${schema}".subjects s ON s.key_id = d.key_id WHERE s.subject_id LIKE 'KS-RACE-%'`);
  assert.equal(Number(rows.rows[0]!.n), subjects.length, 'one DEK row per subject');
  assert.equal(rows.rows[0]!.v, 1, 'all at version 1');
  const reference: KeyStore = await createPgKeyStore({ pool, kms, schema, cacheMaxEntries: 0 });
  for (const [i, id] of subjects.entries()) assert.ok(sameKey(await reference.currentDek(id), fromA[i]!), `stored key of ${id}`);
  await Promise.all([storeA.close(), storeB.close(), reference.close()]);
});

test('a subject shredded while its first DEK waits for the lock is refused and gets no key; the rest of its group is created', async () => {
  const victim = 'KS-SHRED-RACE';
  const bystander = 'KS-SHRED-RACE-OTHER';
  const store = await createPgKeyStore({ pool, kms, schema, cacheMaxEntries: 0 });
  // A shred in progress, as the key store's own shred runs it: the subject's lock held, the tombstone written, not yet committed.
  const shredder = await pool.connect();
  try {
    await shredder.query('BEGIN');
    await shredder.query(`SELECT pg_advisory_xact_lock(hashtextextended('cwp-keys:' || $1, 0))`, [victim]);
    await shredder.query(`INSERT INTO "${schema}".tombstones (subject_id, shredded_by) VALUES ($1, 'it-operator')`, [victim]);
    const shredderPid = (await shredder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // The coalesced load cannot see the uncommitted tombstone: both subjects go to one first-DEK transaction, which waits for the lock.
    const pending = Promise.allSettled([store.currentDek(victim), store.currentDek(bystander)]);
    await waitFor('the first-DEK transaction to wait for the shred\'s lock', async () =>
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [shredderPid])).rows[0]!.n > 0, 10_000, 20);
    await shredder.query('COMMIT');
    const [v, b] = await pending;
    assert.equal(v.status, 'rejected', 'the shredded subject gets no key');
    assert.ok(v.reason instanceof SubjectShreddedError);
    assert.equal(b.status, 'fulfilled', 'the other subject of the group gets its key');
  } finally {
    await shredder.query('ROLLBACK').catch(() => undefined);
    shredder.release();
  }
  const rows = await pool.query<{ subject_id: string }>(`SELECT s.subject_id FROM "${schema}".subjects s JOIN "${schema}".deks d ON d.key_id = s.key_id WHERE s.subject_id = ANY($1::text[])`, [[victim, bystander]]);
  assert.deepEqual(rows.rows.map((r) => r.subject_id), [bystander], 'a DEK row exists for the bystander only');
  await store.close();
});

test('a KMS failure while wrapping a group of first DEKs fails the whole group, writes nothing for it, and the retry creates them', async () => {
  // The real local KMS, whose next wrap fails once as an unreachable KMS does (a retriable DependencyError).
  let failNext = true;
  const flaky: Kms = {
    kekId: kms.kekId,
    wrap: (plaintext) => {
      if (failNext) { failNext = false; return Promise.reject(new DependencyError('KMS_UNAVAILABLE', 'the KMS is unreachable')); }
      return kms.wrap(plaintext);
    },
    unwrap: (w) => kms.unwrap(w), rewrap: (w) => kms.rewrap(w), rotate: () => kms.rotate(), latestVersion: () => kms.latestVersion(),
  };
  const store = await createPgKeyStore({ pool, kms: flaky, schema, cacheMaxEntries: 0 });
  const subjects = Array.from({ length: 10 }, (_, i) => `KS-KMS-${i}`);
  const countRows = async (): Promise<number> => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".subjects WHERE subject_id = ANY($1::text[])`, [subjects])).rows[0]!.n);
  const first = await Promise.allSettled(subjects.map((id) => store.currentDek(id)));
  assert.ok(first.every((r) => r.status === 'rejected' && r.reason instanceof DependencyError), 'every waiter of the group gets the retriable error');
  assert.equal(await countRows(), 0, 'the group rolled back: no subject row, no DEK');
  const again = await Promise.all(subjects.map((id) => store.currentDek(id)));
  assert.equal(new Set(again.map((k) => k.keyId)).size, subjects.length, 'the retry creates every key');
  assert.equal(await countRows(), subjects.length);
  await store.close();
});
