// Guardian consent as of a point in time, read from the gateway's consent registry. The classifier
// imports this (`@cwp/ingest-gateway/consent`) and looks consent up for every event, whichever way
// the event arrived (gateway or direct Avro producer), so consent is decided in one place.
import type pg from 'pg';

/** Purposes a guardian consents to. */
export const CONSENT_PURPOSES = ['analytics', 'research', 'media'] as const;

/** One of CONSENT_PURPOSES. */
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** State of one purpose: only 'granted' allows use; expired, revoked and never-recorded do not. */
export interface ConsentState {
  readonly status: 'granted' | 'revoked' | 'expired' | 'none';
  readonly expiresAt: Date | null;
  readonly recordedAt: Date | null;
}

/** State per purpose. */
export type ConsentSnapshot = Readonly<Record<ConsentPurpose, ConsentState>>;

/** Reads consent. */
export interface ConsentReader {
  /** Consent of `childId` per purpose as it stood at `at` (the event time, or now): the latest row recorded at or before `at`. */
  currentConsent(childId: string, at: Date): Promise<ConsentSnapshot>;
}

/** True when `purpose` may be used (status granted and not expired at the snapshot's time). */
export function isGranted(snapshot: ConsentSnapshot, purpose: ConsentPurpose): boolean {
  return snapshot[purpose].status === 'granted';
}

interface Row {
  purpose: ConsentPurpose;
  status: 'granted' | 'revoked';
  expires_at: Date | null;
  recorded_at: Date;
}

/** A reader over `schema`.consents (default schema `gateway`). */
export function createConsentReader(pool: pg.Pool, options: { readonly schema?: string } = {}): ConsentReader {
  const schema = options.schema ?? 'gateway';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
  return {
    async currentConsent(childId, at) {
      const res = await pool.query<Row>(
        `SELECT DISTINCT ON (purpose) purpose, status, expires_at, recorded_at FROM "${schema}".consents
          WHERE child_id = $1 AND recorded_at <= $2 ORDER BY purpose, recorded_at DESC, id DESC`,
        [childId, at],
      );
      const out: Record<ConsentPurpose, ConsentState> = {
        analytics: { status: 'none', expiresAt: null, recordedAt: null },
        research: { status: 'none', expiresAt: null, recordedAt: null },
        media: { status: 'none', expiresAt: null, recordedAt: null },
      };
      for (const r of res.rows) {
        const expired = r.status === 'granted' && r.expires_at !== null && r.expires_at.getTime() <= at.getTime();
        out[r.purpose] = { status: expired ? 'expired' : r.status, expiresAt: r.expires_at, recordedAt: r.recorded_at };
      }
      return out;
    },
  };
}
