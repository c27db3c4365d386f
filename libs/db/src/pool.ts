// One pg pool per process, built from DATABASE_URL. TLS settings come from the environment
// (PGSSLMODE / sslmode in the URL are honoured by pg itself), so production needs no code change.
import pg from 'pg';
import { DependencyError } from '@cwp/errors';

/** Options of a pool: the URL and a name that shows up in pg_stat_activity. */
export interface PoolOptions {
  readonly databaseUrl: string;
  readonly applicationName: string;
  readonly max?: number;
}

/** Creates a pg pool; idle-client errors are surfaced as retriable DependencyErrors to `onError`. */
export function createPool(options: PoolOptions, onError: (err: DependencyError) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => onError(new DependencyError('POSTGRES_UNAVAILABLE', 'an idle PostgreSQL connection failed', { cause: err })));
  return pool;
}

const TRANSIENT_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004', '40001', '40P01']);

/** Maps a pg or socket error to a retriable DependencyError when it is transient; other errors pass through. */
export function classifyPgError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (TRANSIENT_PG_CODES.has(code) || code.startsWith('ECONN') || code === 'ETIMEDOUT' || code === 'EPIPE')) {
    return new DependencyError('POSTGRES_UNAVAILABLE', `PostgreSQL is unavailable (${code})`, { cause: err });
  }
  if (err instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(err.message)) {
    return new DependencyError('POSTGRES_UNAVAILABLE', 'PostgreSQL connection was lost', { cause: err });
  }
  return err;
}

/** Runs `fn` in one transaction on a pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
