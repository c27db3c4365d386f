// The audit log in PostgreSQL: append under the chain head's row lock, sign a checkpoint every
// `checkpointEvery` records, verify by streaming the whole chain in pages.
import type pg from 'pg';
import { fileURLToPath } from 'node:url';
import { withTransaction } from '@cwp/db';
import type { AuditDetailValue, AuditRecord } from './chain.js';
import { chainHash } from './chain.js';
import type { Checkpoint, CheckpointSigner, CheckpointVerifier } from './checkpoint-signer.js';
import type { StoredAuditRow, VerifyReport } from './verify-chain.js';
import { createChainVerifier } from './verify-chain.js';

/** Outcome of an audited action. */
export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILURE';

/** What a caller records: who, in which role, did what, to whom, for which purpose, with what outcome. */
export interface AuditEntry {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly subject?: string | null;
  readonly purpose?: string | null;
  readonly outcome: AuditOutcome;
  readonly details?: Readonly<Record<string, AuditDetailValue>>;
}

/** Where the log lives and how it signs. */
export interface AuditLogOptions {
  readonly pool: pg.Pool;
  /** PostgreSQL schema of the audit tables (migrated with AUDIT_MIGRATIONS_DIR). */
  readonly schema?: string;
  readonly signer?: CheckpointSigner;
  /** Sign a checkpoint after every this many records (default 100). */
  readonly checkpointEvery?: number;
  readonly clock?: () => Date;
}

/** The append-only audit log. */
export interface AuditLog {
  /** Appends one record; returns its sequence number. Serialised across processes by a row lock. */
  append(entry: AuditEntry): Promise<{ seq: number }>;
  /** Appends inside the caller's open transaction on `client`, so the record commits or rolls back with the caller's work. The chain head stays locked until that transaction ends. */
  appendIn(client: pg.PoolClient, entry: AuditEntry): Promise<{ seq: number }>;
  /** Signs a checkpoint at the current head now (no-op without a signer or records). */
  checkpoint(): Promise<Checkpoint | null>;
  /** Walks the chain and checkpoints; names the first bad record. */
  verify(verifier: CheckpointVerifier | null): Promise<VerifyReport>;
  /** How many records `actor` wrote for `action` with `outcome` since `since` (a read; used for volume alerts). */
  countSince(filter: { readonly actor: string; readonly action: string; readonly outcome: AuditOutcome; readonly since: Date }): Promise<number>;
}

/** Folder of the audit schema's SQL migrations, for @cwp/db's migrate(). */
export const AUDIT_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

const PAGE = 1000;

/** Creates an audit log over an already migrated schema. */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const schema = options.schema ?? 'audit';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`audit schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const t = (name: string): string => `"${schema}".${name}`;
  const every = options.checkpointEvery ?? 100;
  const clock = options.clock ?? (() => new Date());

  async function signAt(client: pg.PoolClient, seq: number, hash: Uint8Array): Promise<Checkpoint | null> {
    if (!options.signer || seq === 0) return null;
    // Millisecond precision, as stored by timestamptz and re-read by pg as a JS Date.
    const cp = options.signer.sign(seq, hash, new Date(clock().getTime()));
    await client.query(`INSERT INTO ${t('audit_checkpoints')} (seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO NOTHING`, [
      cp.seq, Buffer.from(cp.hash), cp.signedAt, cp.keyId, Buffer.from(cp.signature),
    ]);
    return cp;
  }

  const inTransaction = <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => withTransaction(options.pool, fn);

  async function lockHead(client: pg.PoolClient): Promise<{ seq: number; hash: Uint8Array }> {
    const head = await client.query<{ seq: string; hash: Buffer }>(`SELECT seq, hash FROM ${t('audit_head')} WHERE id FOR UPDATE`);
    const row = head.rows[0];
    if (!row) throw new Error(`audit schema ${schema} has no chain head: run its migrations`);
    return { seq: Number(row.seq), hash: new Uint8Array(row.hash) };
  }

  // The append itself, on a connection already inside a transaction: lock the head, chain, insert.
  async function appendOn(client: pg.PoolClient, entry: AuditEntry): Promise<{ seq: number }> {
    const head = await lockHead(client);
    const record: AuditRecord = {
      seq: head.seq + 1,
      recordedAt: new Date(clock().getTime()),
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      subject: entry.subject ?? null,
      purpose: entry.purpose ?? null,
      outcome: entry.outcome,
      details: entry.details ?? {},
    };
    const hash = chainHash(head.hash, record);
    await client.query(
      `INSERT INTO ${t('audit_records')} (seq, recorded_at, actor, role, action, subject, purpose, outcome, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [record.seq, record.recordedAt, record.actor, record.role, record.action, record.subject, record.purpose, record.outcome, JSON.stringify(record.details), Buffer.from(head.hash), Buffer.from(hash)],
    );
    await client.query(`UPDATE ${t('audit_head')} SET seq = $1, hash = $2 WHERE id`, [record.seq, Buffer.from(hash)]);
    if (record.seq % every === 0) await signAt(client, record.seq, hash);
    return { seq: record.seq };
  }

  return {
    append(entry) {
      return inTransaction((client) => appendOn(client, entry));
    },

    async countSince(filter) {
      const res = await options.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${t('audit_records')} WHERE actor = $1 AND action = $2 AND outcome = $3 AND recorded_at >= $4`,
        [filter.actor, filter.action, filter.outcome, filter.since]);
      return Number(res.rows[0]!.n);
    },

    appendIn(client, entry) {
      return appendOn(client, entry);
    },

    checkpoint() {
      return inTransaction(async (client) => {
        const head = await lockHead(client);
        return signAt(client, head.seq, head.hash);
      });
    },

    async verify(verifier) {
      // One snapshot for the whole walk, so concurrent appends cannot look like a broken chain.
      const client = await options.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const v = createChainVerifier();
        let after = 0;
        for (;;) {
          const page = await client.query<{ seq: string; recorded_at: Date; actor: string; role: string; action: string; subject: string | null; purpose: string | null; outcome: string; details: Record<string, AuditDetailValue>; prev_hash: Buffer; hash: Buffer }>(
            `SELECT seq, recorded_at, actor, role, action, subject, purpose, outcome, details, prev_hash, hash FROM ${t('audit_records')} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
            [after],
          );
          for (const r of page.rows) {
            const row: StoredAuditRow = {
              seq: Number(r.seq), recordedAt: r.recorded_at, actor: r.actor, role: r.role, action: r.action, subject: r.subject, purpose: r.purpose,
              outcome: r.outcome, details: r.details, prevHash: new Uint8Array(r.prev_hash), hash: new Uint8Array(r.hash),
            };
            const bad = v.push(row);
            if (bad) return bad;
            after = row.seq;
          }
          if (page.rows.length < PAGE) break;
        }
        const cps = await client.query<{ seq: string; hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }>(`SELECT seq, hash, signed_at, key_id, signature FROM ${t('audit_checkpoints')} ORDER BY seq`);
        const head = await client.query<{ seq: string; hash: Buffer }>(`SELECT seq, hash FROM ${t('audit_head')} WHERE id`);
        const h = head.rows[0];
        return v.finish(
          cps.rows.map((c) => ({ seq: Number(c.seq), hash: new Uint8Array(c.hash), signedAt: c.signed_at, keyId: c.key_id, signature: new Uint8Array(c.signature) })),
          verifier,
          { seq: h ? Number(h.seq) : 0, hash: h ? new Uint8Array(h.hash) : new Uint8Array(32) },
        );
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
  };
}
