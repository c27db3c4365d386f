// A KeyStorePort held in memory (current DEK per subject, shredding), so the transform and the
// sealer are tested without PostgreSQL; the real key store is exercised by
// test/integration/risk-scorer-identity.test.ts.
import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataKey, KeyStorePort } from '@cwp/crypto';
import { KeyUnavailableError, SubjectShreddedError } from '@cwp/crypto';

export interface MemoryKeys extends KeyStorePort {
  shred(subjectId: string): void;
  /** currentDek calls so far. */
  readonly calls: string[];
}

export function createMemoryKeys(): MemoryKeys {
  const bySubject = new Map<string, DataKey>();
  const byKey = new Map<string, DataKey>();
  const shredded = new Set<string>();
  const calls: string[] = [];
  return {
    calls,
    currentDek(subjectId) {
      calls.push(subjectId);
      if (shredded.has(subjectId)) return Promise.reject(new SubjectShreddedError());
      let dek = bySubject.get(subjectId);
      if (!dek) {
        dek = { keyId: `k1_${randomBytes(8).toString('hex')}`, version: 1, key: createSecretKey(randomBytes(32)) };
        bySubject.set(subjectId, dek);
        byKey.set(`${dek.keyId}:1`, dek);
      }
      return Promise.resolve(dek);
    },
    dekFor(keyId, version) {
      const k = byKey.get(`${keyId}:${version}`);
      return k ? Promise.resolve(k) : Promise.reject(new KeyUnavailableError('KEY_SHREDDED', 'destroyed'));
    },
    shred(subjectId) {
      shredded.add(subjectId);
      const dek = bySubject.get(subjectId);
      if (dek) byKey.delete(`${dek.keyId}:${dek.version}`);
      bySubject.delete(subjectId);
    },
  };
}
