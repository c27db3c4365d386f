// The record-sealed field ciphertexts of events.encrypted.v1 (format version 2): every protected
// field of one event is encrypted by ONE AES-256-GCM invocation (NIST SP 800-38D) under one random
// 96-bit IV, instead of one invocation per field (format version 1, field-envelope.ts). GCM's
// encryption is CTR mode, so the ciphertext of the concatenated plaintexts splits back into one slice
// per field of exactly the plaintext's length; each field keeps its own slot in the record:
//
//   head (first protected field present):  ver=2 | L | key id | DEK version (uint32 BE) | IV (12) | tag (16) | slice
//   part (every later one):                ver=3 | slice
//
// The tag covers all slices. The AAD binds the context and the layout, so that a slice moved to
// another field, reordered, truncated or taken from another event fails to decrypt:
//   "cwp-record-v1\0" | uint32 schema id | uint16-length-prefixed event id | header (ver..DEK version)
//   | uint16 field count | per field, in record order: uint16-length-prefixed field path | uint32 slice length
// The record order is the order the encryption plan visits the fields (mapPlannedFields), which the
// writer and the reader share. Decryption is all-or-nothing for the record, as authorised reads are.
import type { KeyObject } from 'node:crypto';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { GCM_IV_BYTES, GCM_TAG_BYTES, randomIv } from './aes-gcm.js';
import { CryptoError } from './errors.js';
import type { DataKey, FieldContext } from './field-envelope.js';
import { envelopeHeader } from './field-envelope.js';

/** Format byte of the head slot (key id, version, IV, tag and the first slice). */
export const RECORD_HEAD_V2 = 2;
/** Format byte of every later slot (one slice). */
export const RECORD_PART_V2 = 3;
const AAD_LABEL = Buffer.from('cwp-record-v1\u0000', 'utf8');

/** What the record's ciphertext is bound to: a field context without the path (the paths come with the fields). */
export type RecordContext = Omit<FieldContext, 'fieldPath'>;

/** One protected field: its dot path (with array indexes) and its plaintext bytes. */
export interface RecordField {
  readonly path: string;
  readonly plaintext: Buffer;
}

/** True when `bytes` is a slot of a record-sealed event (format version 2), not a v1 field envelope. */
export function isRecordSealed(bytes: Uint8Array): boolean {
  return bytes[0] === RECORD_HEAD_V2 || bytes[0] === RECORD_PART_V2;
}

const headerOf = (keyId: string, version: number): Buffer => envelopeHeader(keyId, version, RECORD_HEAD_V2);

function aadOf(ctx: RecordContext, header: Buffer, paths: readonly string[], lengths: readonly number[]): Buffer {
  if (!Number.isInteger(ctx.schemaId) || ctx.schemaId < 0 || ctx.schemaId > 0xffffffff) throw new CryptoError('BAD_CONTEXT', 'schema id must be a uint32');
  if (paths.length > 0xffff) throw new CryptoError('BAD_CONTEXT', 'too many fields for one record ciphertext');
  const eventIdLen = Buffer.byteLength(ctx.eventId, 'utf8');
  if (eventIdLen > 0xffff) throw new CryptoError('BAD_CONTEXT', 'event id is too long for the AAD');
  let size = AAD_LABEL.length + 4 + 2 + eventIdLen + header.length + 2;
  const pathLens = paths.map((p) => {
    const n = Buffer.byteLength(p, 'utf8');
    if (n > 0xffff) throw new CryptoError('BAD_CONTEXT', 'field path is too long for the AAD');
    size += 2 + n + 4;
    return n;
  });
  const a = Buffer.allocUnsafe(size);
  let o = AAD_LABEL.copy(a, 0);
  o = a.writeUInt32BE(ctx.schemaId, o);
  o = a.writeUInt16BE(eventIdLen, o);
  o += a.write(ctx.eventId, o, 'utf8');
  o += header.copy(a, o);
  o = a.writeUInt16BE(paths.length, o);
  paths.forEach((p, i) => {
    o = a.writeUInt16BE(pathLens[i]!, o);
    o += a.write(p, o, 'utf8');
    o = a.writeUInt32BE(lengths[i]!, o);
  });
  return a;
}

/** Builds one record's slots: add() each field in record order (its slot comes back at once, filled by seal()). */
export interface RecordSealer {
  /** Registers the next field; returns its slot, whose bytes are written by seal(). */
  add(path: string, plaintext: string | Uint8Array): Buffer;
  /** Encrypts every added field with one GCM invocation into the slots add() returned. Once. */
  seal(): void;
}

/**
 * A sealer for one record under `dek`: the slots are allocated as fields are added (their sizes
 * follow from the plaintext lengths), so a caller can place them in its output in the same pass;
 * seal() then runs ONE GCM update over the concatenated plaintexts and copies the slices in.
 */
export function createRecordSealer(dek: DataKey, ctx: RecordContext): RecordSealer {
  if (ctx.eventId === '') throw new CryptoError('BAD_CONTEXT', 'a record ciphertext needs an event id');
  const header = headerOf(dek.keyId, dek.version);
  const headFixed = header.length + GCM_IV_BYTES + GCM_TAG_BYTES;
  const paths: string[] = [];
  const plaintexts: (string | Uint8Array)[] = [];
  const lengths: number[] = [];
  const slots: Buffer[] = [];
  let total = 0;
  let sealed = false;
  return {
    add(path, plaintext) {
      if (sealed) throw new CryptoError('BAD_CONTEXT', 'the record was already sealed');
      const len = typeof plaintext === 'string' ? Buffer.byteLength(plaintext, 'utf8') : plaintext.length;
      const first = slots.length === 0;
      const slot = Buffer.allocUnsafe((first ? headFixed : 1) + len);
      if (first) header.copy(slot, 0);
      else slot[0] = RECORD_PART_V2;
      paths.push(path);
      plaintexts.push(plaintext);
      lengths.push(len);
      slots.push(slot);
      total += len;
      return slot;
    },
    seal() {
      if (sealed) throw new CryptoError('BAD_CONTEXT', 'the record was already sealed');
      sealed = true;
      if (slots.length === 0) return;
      // AAD and cipher first: nothing below can throw between copying the plaintext and zeroing it.
      const aad = aadOf(ctx, header, paths, lengths);
      const iv = randomIv();
      const cipher = createCipheriv('aes-256-gcm', dek.key, iv, { authTagLength: GCM_TAG_BYTES });
      cipher.setAAD(aad);
      const plain = Buffer.allocUnsafe(total);
      let ct: Buffer;
      try {
        let o = 0;
        for (const p of plaintexts) o += typeof p === 'string' ? plain.write(p, o, 'utf8') : Buffer.from(p.buffer, p.byteOffset, p.byteLength).copy(plain, o);
        ct = cipher.update(plain);
      } finally {
        plain.fill(0);
      }
      if (ct.length !== total || cipher.final().length !== 0) throw new CryptoError('ENCRYPT_FAILED', 'GCM output length differs from its input');
      const head = slots[0]!;
      iv.copy(head, header.length);
      cipher.getAuthTag().copy(head, header.length + GCM_IV_BYTES);
      let at = 0;
      slots.forEach((slot, i) => {
        at += ct.copy(slot, i === 0 ? headFixed : 1, at, at + lengths[i]!);
      });
    },
  };
}

/**
 * Seals `fields` (record order) under `dek` with one GCM invocation; returns one slot per field, in
 * the same order (the first is the head). No fields, no slots.
 */
export function sealRecordFields(dek: DataKey, ctx: RecordContext, fields: readonly RecordField[]): Buffer[] {
  const sealer = createRecordSealer(dek, ctx);
  const slots = fields.map((f) => sealer.add(f.path, f.plaintext));
  sealer.seal();
  return slots;
}

/** The key a record's head slot names (key id and DEK version); CryptoError('BAD_ENVELOPE') when it is not a head. */
export function recordKeyOf(head: Uint8Array): { keyId: string; dekVersion: number } {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b[0] !== RECORD_HEAD_V2) throw new CryptoError('BAD_ENVELOPE', 'the first protected field is not a record ciphertext head');
  const idLen = b[1] ?? 0;
  if (idLen === 0 || b.length < 2 + idLen + 4 + GCM_IV_BYTES + GCM_TAG_BYTES) throw new CryptoError('BAD_ENVELOPE', 'record ciphertext head is truncated');
  const dekVersion = b.readUInt32BE(2 + idLen);
  if (dekVersion < 1) throw new CryptoError('BAD_ENVELOPE', 'record ciphertext head names DEK version 0');
  return { keyId: b.toString('utf8', 2, 2 + idLen), dekVersion };
}

/**
 * Opens a record's slots (record order, with their field paths) with `key`, the DEK the head names;
 * returns each field's plaintext. CryptoError BAD_ENVELOPE when the layout is wrong, DECRYPT_FAILED
 * when the tag does not verify (tampered, moved, reordered, other event or schema). Nothing is
 * returned unless every slot authenticates.
 */
export function openRecordFields(key: KeyObject, ctx: RecordContext, slots: readonly { readonly path: string; readonly bytes: Uint8Array }[]): Buffer[] {
  if (slots.length === 0) return [];
  const head = Buffer.from(slots[0]!.bytes.buffer, slots[0]!.bytes.byteOffset, slots[0]!.bytes.byteLength);
  const { keyId, dekVersion } = recordKeyOf(head);
  const headerLen = 2 + (head[1] ?? 0) + 4;
  const header = head.subarray(0, headerLen);
  if (header.equals(headerOf(keyId, dekVersion)) === false) throw new CryptoError('BAD_ENVELOPE', 'record ciphertext head is malformed');
  const iv = head.subarray(headerLen, headerLen + GCM_IV_BYTES);
  const tag = head.subarray(headerLen + GCM_IV_BYTES, headerLen + GCM_IV_BYTES + GCM_TAG_BYTES);
  const slices: Buffer[] = [head.subarray(headerLen + GCM_IV_BYTES + GCM_TAG_BYTES)];
  for (const s of slots.slice(1)) {
    if (s.bytes[0] !== RECORD_PART_V2) throw new CryptoError('BAD_ENVELOPE', 'a later protected field is not a record ciphertext part');
    slices.push(Buffer.from(s.bytes.buffer, s.bytes.byteOffset + 1, s.bytes.byteLength - 1));
  }
  const aad = aadOf(ctx, header, slots.map((s) => s.path), slices.map((s) => s.length));
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const all = decipher.update(slices.length === 1 ? slices[0]! : Buffer.concat(slices));
  const plain: Buffer[] = [];
  let at = 0;
  for (const s of slices) { plain.push(all.subarray(at, at + s.length)); at += s.length; }
  try {
    decipher.final();
  } catch (err) {
    all.fill(0);
    throw new CryptoError('DECRYPT_FAILED', 'record ciphertext failed authentication (wrong key, AAD, nonce, moved or tampered bytes)', { cause: err });
  }
  return plain;
}
