// A KeyStorePort held in memory: the port's contract (current DEK per subject, versions, shredding)
// for transform tests without PostgreSQL.
import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataKey, KeyStorePort } from '@cwp/crypto';
import { KeyUnavailableError, SubjectShreddedError } from '@cwp/crypto';

export interface MemoryKeys extends KeyStorePort {
  rotate(subjectId: string): void;
  shred(subjectId: string): void;
  readonly raw: Map<string, Buffer>;
}

export function createMemoryKeys(): MemoryKeys {
  const bySubject = new Map<string, DataKey[]>();
  const byKey = new Map<string, DataKey>();
  const raw = new Map<string, Buffer>();
  const shredded = new Set<string>();
  const add = (subjectId: string): DataKey => {
    const list = bySubject.get(subjectId) ?? [];
    const bytes = randomBytes(32);
    const dek: DataKey = { keyId: list[0]?.keyId ?? `k1_${randomBytes(8).toString('hex')}`, version: list.length + 1, key: createSecretKey(bytes) };
    raw.set(`${dek.keyId}:${dek.version}`, bytes);
    list.push(dek);
    bySubject.set(subjectId, list);
    byKey.set(`${dek.keyId}:${dek.version}`, dek);
    return dek;
  };
  return {
    raw,
    currentDek(subjectId) {
      if (shredded.has(subjectId)) return Promise.reject(new SubjectShreddedError());
      const list = bySubject.get(subjectId);
      return Promise.resolve(list?.[list.length - 1] ?? add(subjectId));
    },
    dekFor(keyId, version) {
      const k = byKey.get(`${keyId}:${version}`);
      return k ? Promise.resolve(k) : Promise.reject(new KeyUnavailableError('KEY_SHREDDED', 'destroyed'));
    },
    rotate(subjectId) { add(subjectId); },
    shred(subjectId) {
      shredded.add(subjectId);
      for (const k of bySubject.get(subjectId) ?? []) byKey.delete(`${k.keyId}:${k.version}`);
      bySubject.delete(subjectId);
    },
  };
}
