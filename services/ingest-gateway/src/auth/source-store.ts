// The sources table: lookups for authentication and the CLI's create / rotate / revoke / list.
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { IssuedCredential } from './credentials.js';
import { issueCredential } from './credentials.js';

/** Folder of the gateway schema's SQL migrations (sources, consents), for @cwp/db's migrate(). */
export const GATEWAY_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A stored source; hashes only, never a secret. */
export interface SourceRow {
  readonly keyId: string;
  readonly sourceSystem: string;
  readonly status: 'active' | 'revoked';
  readonly secretSha256: Buffer;
  readonly previousSecretSha256: Buffer | null;
  readonly previousValidUntil: Date | null;
  readonly clientCertSha256: string | null;
  readonly createdAt: Date;
  readonly rotatedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** Reads and changes sources in one PostgreSQL schema. */
export interface SourceStore {
  findByKeyId(keyId: string): Promise<SourceRow | null>;
  findByCertFingerprint(sha256Hex: string): Promise<SourceRow | null>;
  /** Inserts a source with a new credential; the returned token is the only copy of the secret. */
  create(sourceSystem: string, options?: { clientCertSha256?: string | null }, client?: pg.ClientBase): Promise<{ row: SourceRow; credential: IssuedCredential }>;
  /** Replaces the secret; the old one stays valid until now + graceS. Null when the key id is unknown or revoked. */
  rotate(keyId: string, graceS: number, client?: pg.ClientBase): Promise<{ row: SourceRow; credential: IssuedCredential } | null>;
  /** Marks the source revoked (idempotent); null when the key id is unknown. */
  revoke(keyId: string, client?: pg.ClientBase): Promise<SourceRow | null>;
  /** Binds (or with null unbinds) a client-certificate SHA-256 fingerprint. */
  bindCertificate(keyId: string, sha256Hex: string | null, client?: pg.ClientBase): Promise<SourceRow | null>;
  list(): Promise<readonly SourceRow[]>;
}

interface Row {
  key_id: string;
  source_system: string;
  status: 'active' | 'revoked';
  secret_sha256: Buffer;
  previous_secret_sha256: Buffer | null;
  previous_valid_until: Date | null;
  client_cert_sha256: string | null;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'key_id, source_system, status, secret_sha256, previous_secret_sha256, previous_valid_until, client_cert_sha256, created_at, rotated_at, revoked_at';

function toSource(r: Row): SourceRow {
  return {
    keyId: r.key_id, sourceSystem: r.source_system, status: r.status, secretSha256: r.secret_sha256,
    previousSecretSha256: r.previous_secret_sha256, previousValidUntil: r.previous_valid_until, clientCertSha256: r.client_cert_sha256,
    createdAt: r.created_at, rotatedAt: r.rotated_at, revokedAt: r.revoked_at,
  };
}

/** A store over `schema`.sources (schema migrated with GATEWAY_MIGRATIONS_DIR). */
export function createSourceStore(pool: pg.Pool, schema: string): SourceStore {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const table = `"${schema}".sources`;
  const one = async (client: pg.ClientBase | pg.Pool, sql: string, params: unknown[]): Promise<SourceRow | null> => {
    const res = await client.query<Row>(sql, params);
    return res.rows[0] ? toSource(res.rows[0]) : null;
  };
  return {
    findByKeyId: (keyId) => one(pool, `SELECT ${COLUMNS} FROM ${table} WHERE key_id = $1`, [keyId]),
    findByCertFingerprint: (sha) => one(pool, `SELECT ${COLUMNS} FROM ${table} WHERE client_cert_sha256 = $1`, [sha]),
    async create(sourceSystem, options = {}, client = undefined) {
      const credential = issueCredential();
      const row = await one(client ?? pool, `INSERT INTO ${table} (key_id, source_system, secret_sha256, client_cert_sha256) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
        credential.keyId, sourceSystem, credential.secretSha256, options.clientCertSha256 ?? null,
      ]);
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return { row, credential };
    },
    async rotate(keyId, graceS, client = undefined) {
      const credential = issueCredential(keyId);
      const row = await one(
        client ?? pool,
        `UPDATE ${table} SET previous_secret_sha256 = secret_sha256, previous_valid_until = now() + make_interval(secs => $3),
           secret_sha256 = $2, rotated_at = now() WHERE key_id = $1 AND status = 'active' RETURNING ${COLUMNS}`,
        [keyId, credential.secretSha256, graceS],
      );
      return row ? { row, credential } : null;
    },
    revoke: (keyId, client = undefined) =>
      one(client ?? pool, `UPDATE ${table} SET status = 'revoked', revoked_at = coalesce(revoked_at, now()) WHERE key_id = $1 RETURNING ${COLUMNS}`, [keyId]),
    bindCertificate: (keyId, sha, client = undefined) =>
      one(client ?? pool, `UPDATE ${table} SET client_cert_sha256 = $2 WHERE key_id = $1 RETURNING ${COLUMNS}`, [keyId, sha]),
    async list() {
      const res = await pool.query<Row>(`SELECT ${COLUMNS} FROM ${table} ORDER BY created_at, key_id`);
      return res.rows.map(toSource);
    },
  };
}
