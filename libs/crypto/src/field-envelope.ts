// The self-describing field ciphertext (ARCHITECTURE.md, Keys and privacy), AES-256-GCM per
// NIST SP 800-38D with a random 96-bit IV per field:
//
//   0      1      2 .. 2+L     +4 (uint32 BE)   +12      ...          last 16
//   ver=1  L      key id       DEK version      nonce    ciphertext   tag
//
// The GCM AAD is fieldAad(context) followed by the header bytes (ver | L | key id | DEK version),
// so the header is authenticated too, and a ciphertext moved to another event (eventId), another
// field (field path) or another schema (registry schema id) fails to decrypt.
import type { KeyObject } from 'node:crypto';
import { GCM_IV_BYTES, GCM_TAG_BYTES, gcmDecrypt, gcmEncrypt, randomIv } from './aes-gcm.js';
import { CryptoError } from './errors.js';

/** Format version byte of cwp-field-v1 envelopes. */
export const FIELD_ENVELOPE_V1 = 1;
const AAD_LABEL = Buffer.from('cwp-field-v1\u0000', 'utf8');
const MAX_KEY_ID_BYTES = 255;

/** What a field ciphertext is bound to. */
export interface FieldContext {
  /** The event's UUID. */
  readonly eventId: string;
  /** Dot path of the field with array indexes, e.g. payload.ChildRecord.medical.immunisations[0].vaccine. */
  readonly fieldPath: string;
  /** Registry id of the schema the record is framed with (the Confluent frame of events.encrypted.v1). */
  readonly schemaId: number;
}

/** A data-encryption key ready for use: its opaque id, its version and the AES-256 key. */
export interface DataKey {
  readonly keyId: string;
  readonly version: number;
  readonly key: KeyObject;
}

/** A parsed envelope; `header` is the authenticated prefix. */
export interface FieldEnvelope {
  readonly formatVersion: number;
  readonly keyId: string;
  readonly dekVersion: number;
  readonly header: Buffer;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

function u16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeUInt16BE(n);
  return b;
}

/** The context part of the AAD: label | uint32 schema id | uint16-length-prefixed event id and field path (unambiguous). */
export function fieldAad(ctx: FieldContext): Buffer {
  const eventId = Buffer.from(ctx.eventId, 'utf8');
  const path = Buffer.from(ctx.fieldPath, 'utf8');
  if (eventId.length > 0xffff || path.length > 0xffff) throw new CryptoError('BAD_CONTEXT', 'event id or field path is too long for the AAD');
  if (!Number.isInteger(ctx.schemaId) || ctx.schemaId < 0 || ctx.schemaId > 0xffffffff) throw new CryptoError('BAD_CONTEXT', 'schema id must be a uint32');
  const schema = Buffer.allocUnsafe(4);
  schema.writeUInt32BE(ctx.schemaId);
  return Buffer.concat([AAD_LABEL, schema, u16(eventId.length), eventId, u16(path.length), path]);
}

/** The authenticated header of an envelope under `key`: format byte | key id length | key id | DEK version (uint32 BE). */
export function envelopeHeader(keyId: string, version: number, format: number = FIELD_ENVELOPE_V1): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  if (id.length === 0 || id.length > MAX_KEY_ID_BYTES) throw new CryptoError('BAD_KEY_ID', `key id must be 1..${MAX_KEY_ID_BYTES} bytes`);
  if (!Number.isInteger(version) || version < 1 || version > 0xffffffff) throw new CryptoError('BAD_KEY_VERSION', 'DEK version must be a positive uint32');
  const header = Buffer.allocUnsafe(2 + id.length + 4);
  header[0] = format;
  header[1] = id.length;
  id.copy(header, 2);
  header.writeUInt32BE(version, 2 + id.length);
  return header;
}

/** Encrypts one field value under `dek` bound to `ctx`; a fresh random nonce per call. */
export function sealField(dek: DataKey, ctx: FieldContext, plaintext: Uint8Array, header: Buffer = envelopeHeader(dek.keyId, dek.version)): Buffer {
  const nonce = randomIv();
  const { ciphertext, tag } = gcmEncrypt(dek.key, nonce, plaintext, Buffer.concat([fieldAad(ctx), header]));
  return Buffer.concat([header, nonce, ciphertext, tag]);
}

/** Parses an envelope's framing (nothing is authenticated yet); CryptoError('BAD_ENVELOPE') when malformed. */
export function parseFieldEnvelope(bytes: Uint8Array): FieldEnvelope {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 2) throw new CryptoError('BAD_ENVELOPE', 'field ciphertext is too short');
  if (b[0] !== FIELD_ENVELOPE_V1) throw new CryptoError('BAD_ENVELOPE', `unknown field ciphertext format version ${String(b[0])}`);
  const idLen = b[1] ?? 0;
  const headerLen = 2 + idLen + 4;
  if (idLen === 0 || b.length < headerLen + GCM_IV_BYTES + GCM_TAG_BYTES) throw new CryptoError('BAD_ENVELOPE', 'field ciphertext is truncated');
  return {
    formatVersion: FIELD_ENVELOPE_V1,
    keyId: b.toString('utf8', 2, 2 + idLen),
    dekVersion: b.readUInt32BE(2 + idLen),
    header: b.subarray(0, headerLen),
    nonce: b.subarray(headerLen, headerLen + GCM_IV_BYTES),
    ciphertext: b.subarray(headerLen + GCM_IV_BYTES, b.length - GCM_TAG_BYTES),
    tag: b.subarray(b.length - GCM_TAG_BYTES),
  };
}

/** Decrypts a parsed envelope with `key` (the DEK its header names) under `ctx`; CryptoError('DECRYPT_FAILED') on any mismatch. */
export function openField(envelope: FieldEnvelope, key: KeyObject, ctx: FieldContext): Buffer {
  return gcmDecrypt(key, envelope.nonce, envelope.ciphertext, Buffer.concat([fieldAad(ctx), envelope.header]), envelope.tag);
}
