// The consent registry in PostgreSQL, read-only: the table the ingestion gateway appends to
// (services/ingest-gateway/migrations). A (child, purpose) pair's state is its latest row; a
// grant counts only until it expires. Every purpose is reported, so "no row" reads as not granted.
import type pg from 'pg';
import type { ConsentState } from '@cwp/avro';
import { classifyPgError } from '@cwp/db';
import type { ConsentPort } from './consent-port.js';

export const CONSENT_PURPOSES = ['analytics', 'research', 'media'] as const;

/** A ConsentPort over the registry's `consents` table in `schema`. */
export function createConsentReader(pool: pg.Pool, schema = 'gateway'): ConsentPort {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`consent schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const sql = `SELECT DISTINCT ON (purpose) purpose, status, expires_at FROM "${schema}".consents
               WHERE child_id = $1 AND recorded_at <= $2 ORDER BY purpose, recorded_at DESC, id DESC`;
  return {
    async current(subjectId, at) {
      let rows: Array<{ purpose: string; status: string; expires_at: Date | null }>;
      try {
        rows = (await pool.query<{ purpose: string; status: string; expires_at: Date | null }>(sql, [subjectId, at])).rows;
      } catch (err) {
        throw classifyPgError(err);
      }
      return CONSENT_PURPOSES.map((purpose): ConsentState => {
        const row = rows.find((r) => r.purpose === purpose);
        const expiresAt = row?.expires_at ? row.expires_at.getTime() : null;
        const granted = row?.status === 'granted' && (expiresAt === null || expiresAt > at.getTime());
        return { purpose, granted, expiresAt: row?.status === 'granted' ? expiresAt : null };
      });
    },
  };
}
