// Recording consent: each grant or revocation appends a row (history is kept) and an audit record
// (CONSENT_GRANT / CONSENT_REVOKE) in the same PostgreSQL transaction's lifetime: if the audit append
// fails the consent change is rolled back.
import type pg from 'pg';
import type { AuditLog } from '@cwp/audit';
import type { ConsentPurpose } from './consent-reader.js';

/** A consent change to record. */
export interface ConsentChange {
  readonly childId: string;
  readonly purpose: ConsentPurpose;
  readonly status: 'granted' | 'revoked';
  readonly expiresAt: Date | null;
  readonly guardianRef: string | null;
  /** Source system (or operator) recording it. */
  readonly recordedBy: string;
  /** Key id of the recording source, for the audit record. */
  readonly actorKeyId: string;
}

/** Appends consent rows. */
export interface ConsentStore {
  record(change: ConsentChange): Promise<{ readonly id: string; readonly recordedAt: Date }>;
}

/** A store over `schema`.consents that audits into `audit`. */
export function createConsentStore(options: { readonly pool: pg.Pool; readonly schema: string; readonly audit: AuditLog }): ConsentStore {
  const table = `"${options.schema}".consents`;
  return {
    async record(change) {
      const client = await options.pool.connect();
      try {
        await client.query('BEGIN');
        const res = await client.query<{ id: string; recorded_at: Date }>(
          `INSERT INTO ${table} (child_id, purpose, status, expires_at, guardian_ref, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, recorded_at`,
          [change.childId, change.purpose, change.status, change.expiresAt, change.guardianRef, change.recordedBy],
        );
        const row = res.rows[0];
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        await options.audit.append({
          actor: change.recordedBy,
          role: 'SOURCE',
          action: change.status === 'granted' ? 'CONSENT_GRANT' : 'CONSENT_REVOKE',
          subject: change.childId,
          purpose: change.purpose,
          outcome: 'SUCCESS',
          details: { consentId: String(row.id), keyId: change.actorKeyId, expiresAt: change.expiresAt?.toISOString() ?? null },
        });
        await client.query('COMMIT');
        return { id: String(row.id), recordedAt: row.recorded_at };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
