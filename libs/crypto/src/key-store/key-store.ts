// The key store's contracts. The encryptor's transform and the authorised decryptor depend on the
// narrow KeyStorePort; the lifecycle CLI uses the whole KeyStore.
import type { DataKey } from '../field-envelope.js';

/** What the transform and the decryptor need: the subject's current DEK, and any DEK a ciphertext names. */
export interface KeyStorePort {
  /**
   * The subject's latest DEK, created (version 1) when it has none. Throws SubjectShreddedError for a
   * tombstoned subject, DependencyError when PostgreSQL or the KMS is unreachable.
   */
  currentDek(subjectId: string): Promise<DataKey>;
  /** The DEK named by a ciphertext header; KeyUnavailableError when it was shredded or never existed. */
  dekFor(keyId: string, version: number): Promise<DataKey>;
}

/** One DEK row as the lifecycle sees it (never the key itself). */
export interface DekInfo {
  readonly subjectId: string;
  readonly keyId: string;
  readonly version: number;
  readonly kekId: string;
  readonly kekVersion: number;
  readonly createdAt: Date;
}

/** The full key store: the port plus lifecycle operations. */
export interface KeyStore extends KeyStorePort {
  /** Adds a new DEK version for the subject; new encryptions use it, old versions keep decrypting. */
  rotateDek(subjectId: string): Promise<DekInfo>;
  /** Subjects whose latest DEK was created before `olderThan`, oldest first (at most `limit`). */
  staleSubjects(olderThan: Date, limit?: number): Promise<DekInfo[]>;
  /** Re-wraps every DEK wrapped by an older version of this KMS's KEK; records are untouched. */
  rewrapAll(batchSize?: number): Promise<{ rewrapped: number; kekVersion: number }>;
  /** Destroys every DEK version of the subject and writes a tombstone; publishes a cache invalidation. */
  shred(subjectId: string, by: string, reason?: string | null): Promise<{ keyIds: string[]; versions: number }>;
  /** Lifts the subject's tombstone (kept as history; the next event gets a new key id); false when there was none. */
  restore(subjectId: string, by: string): Promise<boolean>;
  isShredded(subjectId: string): Promise<boolean>;
  /** Drops the subject's cached DEKs in this process. */
  invalidate(subjectId: string): void;
  cacheStats(): { hits: number; misses: number; size: number };
  /** Stops listening for invalidations and wipes cached keys (the pool stays the caller's). */
  close(): Promise<void>;
}
