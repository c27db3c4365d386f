// Per-subject DEKs in PostgreSQL (schema `keys` by default), wrapped by a KMS, cached unwrapped in
// a bounded LRU with TTL. Creation, rotation and shredding of one subject's keys are serialised by
// a transaction-scoped advisory lock on the subject (a batch of first DEKs takes each of its
// subjects' locks, in lock-key order), so a late event racing a shred can never create a key after
// the tombstone is written.
//
// The wrapped plaintext binds the DEK to its row: "cwp-dek-v1" | key id | version | 32 key bytes.
// A wrapped blob copied onto another subject's row unwraps, but fails that check.
import { createSecretKey, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { classifyPgError } from '@cwp/db';
import { AES_256_KEY_BYTES } from '../aes-gcm.js';
import { CryptoError, KeyUnavailableError, SubjectShreddedError } from '../errors.js';
import type { DataKey } from '../field-envelope.js';
import type { Kms, WrappedKey } from '../kms.js';
import { createLruCache } from '../lru-cache.js';
import type { InvalidationBus } from './invalidation.js';
import type { DekInfo, KeyStore } from './key-store.js';

/** Folder of the key store's SQL migrations, for @cwp/db's migrate(). */
export const KEYS_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Options of the PostgreSQL key store. */
export interface PgKeyStoreOptions {
  readonly pool: pg.Pool;
  readonly kms: Kms;
  /** PostgreSQL schema migrated with KEYS_MIGRATIONS_DIR (default keys). */
  readonly schema?: string;
  /** Unwrapped DEKs kept in memory (default 10000; 0 disables the cache). */
  readonly cacheMaxEntries?: number;
  /** How long an unwrapped DEK may stay cached (default 5 minutes). */
  readonly cacheTtlMs?: number;
  readonly invalidation?: InvalidationBus;
  readonly now?: () => number;
}

interface CachedKey extends DataKey { readonly subjectId: string }

interface DekRow { subject_id: string; key_id: string; version: number; kek_id: string; kek_version: number; wrapped: Buffer; created_at: Date }

const BIND_LABEL = Buffer.from('cwp-dek-v1\u0000', 'utf8');

function bindDek(keyId: string, version: number, dek: Buffer): Buffer {
  const v = Buffer.allocUnsafe(4);
  v.writeUInt32BE(version);
  return Buffer.concat([BIND_LABEL, Buffer.from(`${keyId}\u0000`, 'utf8'), v, dek]);
}

function unbindDek(keyId: string, version: number, plain: Buffer): Buffer {
  const expected = bindDek(keyId, version, Buffer.alloc(0));
  const ok = plain.length === expected.length + AES_256_KEY_BYTES && plain.subarray(0, expected.length).equals(expected);
  if (!ok) {
    plain.fill(0);
    throw new CryptoError('DEK_BINDING_MISMATCH', `wrapped DEK does not belong to key ${keyId} version ${version}`);
  }
  return plain.subarray(expected.length);
}

function newKeyId(): string {
  return `k1_${randomBytes(16).toString('base64url')}`;
}

/**
 * Subjects per first-DEK transaction. Each holds one advisory lock per subject until it commits, and
 * advisory locks fill PostgreSQL's shared lock table (max_locks_per_transaction × max_connections,
 * 6,400 by default), so a cold start of several instances must stay far below it. It also bounds
 * what one slow lock or KMS call holds up, and what one failure fails (that group is retried).
 */
export const FIRST_DEK_BATCH = 64;

/** Creates the key store over an already migrated schema; subscribes to `invalidation` when given. */
export async function createPgKeyStore(options: PgKeyStoreOptions): Promise<KeyStore> {
  const schema = options.schema ?? 'keys';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`keys schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const t = (name: string): string => `"${schema}".${name}`;
  const { pool, kms } = options;
  const cache = createLruCache<CachedKey>({ maxEntries: options.cacheMaxEntries ?? 10_000, ttlMs: options.cacheTtlMs ?? 300_000, ...(options.now ? { now: options.now } : {}) });
  const inflight = new Map<string, Promise<DataKey>>();

  const invalidate = (subjectId: string): void => { cache.deleteWhere((v) => v.subjectId === subjectId); };
  if (options.invalidation) await options.invalidation.subscribe((m) => invalidate(m.subjectId));

  async function q<R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await client.query<R>(sql, params)).rows;
    } catch (err) {
      throw classifyPgError(err);
    }
  }

  // READ COMMITTED (PostgreSQL's default, stated so that a server default cannot change it): each
  // statement after a lock wait sees what the lock's previous holder committed.
  async function inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try { client = await pool.connect(); } catch (err) { throw classifyPgError(err); }
    try {
      await q(client, 'BEGIN ISOLATION LEVEL READ COMMITTED', []);
      const out = await fn(client);
      await q(client, 'COMMIT', []);
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  function inSubjectLock<T>(subjectId: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(async (c) => {
      await q(c, `SELECT pg_advisory_xact_lock(hashtextextended('cwp-keys:' || $1, 0))`, [subjectId]);
      return fn(c);
    });
  }

  async function unwrapRow(row: DekRow): Promise<CachedKey> {
    const wrapped: WrappedKey = { kekId: row.kek_id, kekVersion: row.kek_version, blob: row.wrapped };
    const plain = await kms.unwrap(wrapped);
    const key = createSecretKey(unbindDek(row.key_id, row.version, plain));
    plain.fill(0);
    return { subjectId: row.subject_id, keyId: row.key_id, version: row.version, key };
  }

  const info = (r: DekRow): DekInfo => ({ subjectId: r.subject_id, keyId: r.key_id, version: r.version, kekId: r.kek_id, kekVersion: r.kek_version, createdAt: r.created_at });

  /**
   * The first DEK of each of `subjectIds` (at most FIRST_DEK_BATCH subjects a coalesced load found
   * without one), created in ONE transaction: every subject's lock taken in ascending lock-key order
   * (two such transactions cannot deadlock, and the one-subject paths hold a single lock), then, in
   * the snapshot of the next statement (READ COMMITTED, so a shred that held a lock is visible),
   * tombstones, subjects and latest DEKs read for all of them, and only what is still missing
   * inserted, all at once. One commit (one WAL flush) for the group instead of one per subject. A
   * subject shredded meanwhile maps to null; one created meanwhile by another instance is returned as
   * is. A failure (a KMS wrap, PostgreSQL) fails the whole group, which the caller's retry repeats.
   */
  function ensureFirstDeks(subjectIds: readonly string[]): Promise<Map<string, DekRow | null>> {
    return inTransaction(async (c) => {
      await q(c, `SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended('cwp-keys:' || sid, 0) AS h FROM unnest($1::text[]) AS sid ORDER BY h) AS l`, [subjectIds]);
      const out = new Map<string, DekRow | null>();
      const shredded = await q<{ subject_id: string }>(c, `SELECT subject_id FROM ${t('tombstones')} WHERE subject_id = ANY($1::text[]) AND restored_at IS NULL`, [subjectIds]);
      for (const r of shredded) out.set(r.subject_id, null);
      const live = subjectIds.filter((id) => !out.has(id));
      const keyIds = new Map((await q<{ subject_id: string; key_id: string }>(c, `SELECT subject_id, key_id FROM ${t('subjects')} WHERE subject_id = ANY($1::text[])`, [live]))
        .map((r) => [r.subject_id, r.key_id]));
      const unknown = live.filter((id) => !keyIds.has(id));
      for (const id of unknown) keyIds.set(id, newKeyId());
      if (unknown.length > 0) {
        await q(c, `INSERT INTO ${t('subjects')} (subject_id, key_id) SELECT * FROM unnest($1::text[], $2::text[])`, [unknown, unknown.map((id) => keyIds.get(id)!)]);
      }
      const latest = new Map((await q<Omit<DekRow, 'subject_id'>>(c, `SELECT DISTINCT ON (key_id) key_id, version, kek_id, kek_version, wrapped, created_at FROM ${t('deks')}
        WHERE key_id = ANY($1::text[]) ORDER BY key_id, version DESC`, [live.map((id) => keyIds.get(id)!)])).map((r) => [r.key_id, r]));
      const toCreate: { subjectId: string; keyId: string }[] = [];
      for (const id of live) {
        const keyId = keyIds.get(id)!;
        const row = latest.get(keyId);
        if (row) out.set(id, { ...row, subject_id: id });
        else toCreate.push({ subjectId: id, keyId });
      }
      // Every new DEK is version 1, wrapped concurrently.
      const create = await Promise.all(toCreate.map(async ({ subjectId, keyId }) => ({ subjectId, keyId, wrapped: await wrapNewDek(keyId, 1) })));
      if (create.length > 0) {
        const rows = await q<Omit<DekRow, 'subject_id'>>(c, `INSERT INTO ${t('deks')} (key_id, version, kek_id, kek_version, wrapped)
          SELECT key_id, 1, kek_id, kek_version, wrapped FROM unnest($1::text[], $2::text[], $3::integer[], $4::bytea[]) AS n(key_id, kek_id, kek_version, wrapped)
          RETURNING key_id, version, kek_id, kek_version, wrapped, created_at`,
        [create.map((x) => x.keyId), create.map((x) => x.wrapped.kekId), create.map((x) => x.wrapped.kekVersion), create.map((x) => x.wrapped.blob)]);
        const byKey = new Map(rows.map((r) => [r.key_id, r]));
        for (const x of create) out.set(x.subjectId, { ...byKey.get(x.keyId)!, subject_id: x.subjectId });
      }
      return out;
    });
  }

  /** A fresh random DEK, bound to its key id and version and wrapped by the KMS; the plaintext is zeroed. */
  async function wrapNewDek(keyId: string, version: number): Promise<WrappedKey> {
    const dek = randomBytes(AES_256_KEY_BYTES);
    const bound = bindDek(keyId, version, dek);
    dek.fill(0);
    try { return await kms.wrap(bound); } finally { bound.fill(0); }
  }

  // Inside the subject lock (rotation): a new DEK version for the subject (version 1 and the subject
  // row when it has none yet).
  async function addDekVersion(c: pg.PoolClient, subjectId: string): Promise<DekRow> {
    if ((await q(c, `SELECT 1 FROM ${t('tombstones')} WHERE subject_id = $1 AND restored_at IS NULL`, [subjectId])).length > 0) throw new SubjectShreddedError();
    let keyId = (await q<{ key_id: string }>(c, `SELECT key_id FROM ${t('subjects')} WHERE subject_id = $1`, [subjectId]))[0]?.key_id;
    if (keyId === undefined) {
      keyId = newKeyId();
      await q(c, `INSERT INTO ${t('subjects')} (subject_id, key_id) VALUES ($1, $2)`, [subjectId, keyId]);
    }
    const latest = (await q<DekRow>(c, `SELECT $2::text AS subject_id, key_id, version, kek_id, kek_version, wrapped, created_at FROM ${t('deks')} WHERE key_id = $1 ORDER BY version DESC LIMIT 1`, [keyId, subjectId]))[0];
    const version = (latest?.version ?? 0) + 1;
    const w = await wrapNewDek(keyId, version);
    const rows = await q<DekRow>(c, `INSERT INTO ${t('deks')} (key_id, version, kek_id, kek_version, wrapped) VALUES ($1, $2, $3, $4, $5)
      RETURNING $6::text AS subject_id, key_id, version, kek_id, kek_version, wrapped, created_at`, [keyId, version, w.kekId, w.kekVersion, w.blob, subjectId]);
    return rows[0]!;
  }

  // Cache misses are coalesced: every currentDek miss of one turn of the event loop (a batch's
  // records transformed concurrently) is answered by ONE query for the tombstones and latest DEKs of
  // all of them (at most LOAD_CHUNK per query); the subjects without a DEK among them get their first
  // DEKs together, in locked transactions of up to FIRST_DEK_BATCH subjects (ensureFirstDeks). One
  // round trip per batch instead of one per subject, and one creating transaction per 64 new subjects
  // instead of one each.
  const LOAD_CHUNK = 500;
  let queued = new Map<string, { resolve: (k: DataKey) => void; reject: (e: unknown) => void }>();
  let flushScheduled = false;

  function loadCurrent(subjectId: string): Promise<DataKey> {
    return new Promise<DataKey>((resolve, reject) => {
      queued.set(subjectId, { resolve, reject });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          const batch = queued;
          queued = new Map();
          const ids = [...batch.keys()];
          for (let i = 0; i < ids.length; i += LOAD_CHUNK) void loadChunk(ids.slice(i, i + LOAD_CHUNK), batch);
        });
      }
    });
  }

  async function loadChunk(ids: readonly string[], waiters: ReadonlyMap<string, { resolve: (k: DataKey) => void; reject: (e: unknown) => void }>): Promise<void> {
    let rows: (DekRow & { shredded: boolean })[];
    try {
      rows = await q<DekRow & { shredded: boolean }>(pool, `
        SELECT q.sid AS subject_id, (t.subject_id IS NOT NULL) AS shredded, d.key_id, d.version, d.kek_id, d.kek_version, d.wrapped, d.created_at
        FROM unnest($1::text[]) AS q(sid)
        LEFT JOIN ${t('tombstones')} t ON t.subject_id = q.sid AND t.restored_at IS NULL
        LEFT JOIN ${t('subjects')} s ON s.subject_id = q.sid
        LEFT JOIN LATERAL (SELECT * FROM ${t('deks')} WHERE key_id = s.key_id ORDER BY version DESC LIMIT 1) d ON true`, [ids]);
    } catch (err) {
      for (const id of ids) waiters.get(id)!.reject(err);
      return;
    }
    const byId = new Map(rows.map((r) => [r.subject_id, r]));
    // Subjects without a DEK yet: created FIRST_DEK_BATCH at a time, one transaction each (ensureFirstDeks).
    const missing = ids.filter((id) => { const r = byId.get(id); return !r?.shredded && !r?.key_id; });
    const created = new Map<string, DekRow | null>();
    const failed = new Map<string, unknown>();
    for (let i = 0; i < missing.length; i += FIRST_DEK_BATCH) {
      const group = missing.slice(i, i + FIRST_DEK_BATCH);
      try {
        for (const [id, r] of await ensureFirstDeks(group)) created.set(id, r);
      } catch (err) {
        for (const id of group) failed.set(id, err);
      }
    }
    await Promise.all(ids.map(async (id) => {
      const w = waiters.get(id)!;
      try {
        const row = byId.get(id);
        if (row?.shredded) throw new SubjectShreddedError();
        let dekRow: DekRow | null | undefined = row?.key_id ? row : undefined;
        if (dekRow === undefined) {
          if (failed.has(id)) throw failed.get(id);
          dekRow = created.get(id);
          if (dekRow === null) throw new SubjectShreddedError();
          if (dekRow === undefined) throw new Error('internal: no DEK row was created for a subject of the batch');
        }
        const key = await unwrapRow(dekRow);
        cache.set(`enc:${id}`, key);
        cache.set(`dec:${key.keyId}:${key.version}`, key);
        w.resolve(key);
      } catch (err) {
        w.reject(err);
      }
    }));
  }

  async function publish(op: 'shred' | 'restore' | 'rotate', subjectId: string): Promise<void> {
    invalidate(subjectId);
    await options.invalidation?.publish({ op, subjectId });
  }

  return {
    currentDek(subjectId) {
      const hit = cache.get(`enc:${subjectId}`);
      if (hit) return Promise.resolve(hit);
      let p = inflight.get(subjectId);
      if (!p) {
        p = loadCurrent(subjectId).finally(() => inflight.delete(subjectId));
        inflight.set(subjectId, p);
      }
      return p;
    },

    async dekFor(keyId, version) {
      const hit = cache.get(`dec:${keyId}:${version}`);
      if (hit) return hit;
      const row = (await q<DekRow>(pool, `SELECT s.subject_id, d.key_id, d.version, d.kek_id, d.kek_version, d.wrapped, d.created_at
        FROM ${t('deks')} d JOIN ${t('subjects')} s ON s.key_id = d.key_id WHERE d.key_id = $1 AND d.version = $2`, [keyId, version]))[0];
      if (!row) {
        const shredded = await q(pool, `SELECT 1 FROM ${t('tombstones')} WHERE $1 = ANY(key_ids)`, [keyId]);
        if (shredded.length > 0) throw new KeyUnavailableError('KEY_SHREDDED', 'the key this ciphertext names was destroyed (crypto-shredded subject)');
        throw new KeyUnavailableError('KEY_NOT_FOUND', `no DEK ${keyId} version ${version} in the key store`);
      }
      const key = await unwrapRow(row);
      cache.set(`dec:${keyId}:${version}`, key);
      return key;
    },

    async rotateDek(subjectId) {
      const row = await inSubjectLock(subjectId, (c) => addDekVersion(c, subjectId));
      await publish('rotate', subjectId);
      return info(row);
    },

    async staleSubjects(olderThan, limit = 1000) {
      const rows = await q<DekRow>(pool, `SELECT s.subject_id, d.key_id, d.version, d.kek_id, d.kek_version, d.wrapped, d.created_at
        FROM ${t('subjects')} s JOIN LATERAL (SELECT * FROM ${t('deks')} WHERE key_id = s.key_id ORDER BY version DESC LIMIT 1) d ON true
        WHERE d.created_at < $1 ORDER BY d.created_at LIMIT $2`, [olderThan, limit]);
      return rows.map(info);
    },

    async rewrapAll(batchSize = 500) {
      const kekVersion = await kms.latestVersion();
      let rewrapped = 0;
      for (;;) {
        const rows = await q<DekRow>(pool, `SELECT key_id, version, kek_id, kek_version, wrapped FROM ${t('deks')}
          WHERE kek_id = $1 AND kek_version < $2 ORDER BY key_id, version LIMIT $3`, [kms.kekId, kekVersion, batchSize]);
        if (rows.length === 0) break;
        for (const r of rows) {
          const w = await kms.rewrap({ kekId: r.kek_id, kekVersion: r.kek_version, blob: r.wrapped });
          // Optimistic: a concurrent rewrap or shred of the row wins; the record ciphertexts are never touched.
          const done = await q(pool, `UPDATE ${t('deks')} SET kek_version = $1, wrapped = $2, rewrapped_at = now()
            WHERE key_id = $3 AND version = $4 AND kek_version = $5 RETURNING 1`, [w.kekVersion, w.blob, r.key_id, r.version, r.kek_version]);
          rewrapped += done.length;
        }
        if (rows.length < batchSize) break;
      }
      return { rewrapped, kekVersion };
    },

    async shred(subjectId, by, reason = null) {
      const out = await inSubjectLock(subjectId, async (c) => {
        const keyIds = (await q<{ key_id: string }>(c, `SELECT key_id FROM ${t('subjects')} WHERE subject_id = $1`, [subjectId])).map((r) => r.key_id);
        const versions = keyIds.length === 0 ? 0 : (await q(c, `DELETE FROM ${t('deks')} WHERE key_id = ANY($1) RETURNING version`, [keyIds])).length;
        await q(c, `DELETE FROM ${t('subjects')} WHERE subject_id = $1`, [subjectId]);
        await q(c, `INSERT INTO ${t('tombstones')} (subject_id, key_ids, shredded_by, reason) VALUES ($1, $2, $3, $4)
          ON CONFLICT (subject_id) DO UPDATE SET key_ids = ${t('tombstones')}.key_ids || EXCLUDED.key_ids, shredded_at = now(), shredded_by = EXCLUDED.shredded_by,
            reason = EXCLUDED.reason, restored_at = NULL, restored_by = NULL`,
        [subjectId, keyIds, by, reason]);
        return { keyIds, versions };
      });
      await publish('shred', subjectId);
      return out;
    },

    async restore(subjectId, by) {
      const removed = await inSubjectLock(subjectId, (c) => q(c, `UPDATE ${t('tombstones')} SET restored_at = now(), restored_by = $2 WHERE subject_id = $1 AND restored_at IS NULL RETURNING 1`, [subjectId, by]));
      await publish('restore', subjectId);
      return removed.length > 0;
    },

    async isShredded(subjectId) {
      return (await q(pool, `SELECT 1 FROM ${t('tombstones')} WHERE subject_id = $1 AND restored_at IS NULL`, [subjectId])).length > 0;
    },

    invalidate,
    cacheStats: () => ({ ...cache.stats(), size: cache.size }),
    async close() {
      cache.clear();
      await options.invalidation?.close();
    },
  };
}
