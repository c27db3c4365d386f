// The decoded shape of an events.encrypted.v1 record: the classified envelope, the payload branch
// renamed to its derived record with ciphertext Buffers in place of protected values, encryptedAt.
import type { ClassifiedEvent } from '@cwp/avro';

/** One events.encrypted.v1 value as avsc decodes it. */
export type EncryptedEvent = Omit<ClassifiedEvent, 'payload'> & {
  readonly payload: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly encryptedAt: number;
  /** Releasable form of each free-text string field, by dot path (@cwp/pii releaseText). */
  readonly redactedText: Readonly<Record<string, string>>;
};
