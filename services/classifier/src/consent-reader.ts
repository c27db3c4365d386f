// The consent registry as the classifier reads it: the gateway owns the registry (its table, its
// migrations, its reader, `@cwp/ingest-gateway/consent`); this adapts a snapshot to the
// ConsentState records that ride on each classified event, and marks outages retriable.
import type pg from 'pg';
import type { ConsentState } from '@cwp/avro';
import { classifyPgError } from '@cwp/db';
import { CONSENT_PURPOSES, createConsentReader as createRegistryReader } from '@cwp/ingest-gateway/consent';
import type { ConsentPort } from './consent-port.js';

/** A ConsentPort over the registry in `schema` (default `gateway`): every purpose, granted only while unexpired. */
export function createConsentReader(pool: pg.Pool, schema = 'gateway'): ConsentPort {
  const registry = createRegistryReader(pool, { schema });
  return {
    async current(subjectId, at) {
      let snapshot;
      try {
        snapshot = await registry.currentConsent(subjectId, at);
      } catch (err) {
        throw classifyPgError(err);
      }
      return CONSENT_PURPOSES.map((purpose): ConsentState => {
        const s = snapshot[purpose];
        return { purpose, granted: s.status === 'granted', expiresAt: s.status === 'granted' || s.status === 'expired' ? (s.expiresAt?.getTime() ?? null) : null };
      });
    },
  };
}
