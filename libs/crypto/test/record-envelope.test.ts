import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataKey, RecordContext, RecordField } from '../src/index.js';
import { CryptoError, RECORD_HEAD_V2, RECORD_PART_V2, gcmDecrypt, gcmEncrypt, isRecordSealed, openRecordFields, recordKeyOf, sealRecordFields } from '../src/index.js';

const keyBytes = randomBytes(32);
const dek: DataKey = { keyId: 'k1_abc', version: 3, key: createSecretKey(keyBytes) };
const ctx: RecordContext = { eventId: '9b2f6a8e-0000-4000-8000-000000000001', schemaId: 42 };
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');
const fields: RecordField[] = [
  { path: 'payload.ChildRecord.fullName', plaintext: json('Siti Rahayu') },
  { path: 'payload.ChildRecord.nik', plaintext: json('3171234567890001') },
  { path: 'payload.ChildRecord.address.street', plaintext: json('Jl. Merdeka No. 12') },
  { path: 'payload.ChildRecord.notes', plaintext: json('') },
];
const withPaths = (slots: readonly Buffer[], fs: readonly RecordField[] = fields) => slots.map((bytes, i) => ({ path: fs[i]!.path, bytes }));
const open = (slots: readonly Buffer[], c: RecordContext = ctx, key = dek.key, fs = fields) => openRecordFields(key, c, withPaths(slots, fs));

/** The AAD exactly as the file comment documents it, written out independently of the implementation. */
function documentedAad(c: RecordContext, keyId: string, version: number, fs: readonly RecordField[]): Buffer {
  const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  const header = Buffer.concat([Buffer.from([RECORD_HEAD_V2, Buffer.byteLength(keyId)]), Buffer.from(keyId), u32(version)]);
  return Buffer.concat([
    Buffer.from('cwp-record-v1\u0000'), u32(c.schemaId), u16(Buffer.byteLength(c.eventId)), Buffer.from(c.eventId), header, u16(fs.length),
    ...fs.flatMap((f) => [u16(Buffer.byteLength(f.path)), Buffer.from(f.path), u32(f.plaintext.length)]),
  ]);
}

test('round trip; one slot per field in order, the head names key id and version, the rest are parts', () => {
  const slots = sealRecordFields(dek, ctx, fields);
  assert.equal(slots.length, fields.length);
  assert.equal(slots[0]![0], RECORD_HEAD_V2);
  assert.ok(slots.slice(1).every((s) => s[0] === RECORD_PART_V2 && isRecordSealed(s)));
  assert.deepEqual(recordKeyOf(slots[0]!), { keyId: 'k1_abc', dekVersion: 3 });
  // Sizes: head = header (2 + 6 + 4) + IV 12 + tag 16 + slice; part = 1 + slice.
  assert.equal(slots[0]!.length, 12 + 12 + 16 + fields[0]!.plaintext.length);
  slots.slice(1).forEach((s, i) => assert.equal(s.length, 1 + fields[i + 1]!.plaintext.length));
  assert.deepEqual(open(slots), fields.map((f) => f.plaintext));
  for (const s of slots) for (const word of ['Siti', '3171234567890001', 'Merdeka']) assert.ok(!s.includes(Buffer.from(word)), 'no plaintext in a slot');
  assert.deepEqual(sealRecordFields(dek, ctx, []), []);
});

test('it is exactly one SP 800-38D GCM invocation over the concatenated plaintexts with the documented AAD', () => {
  const slots = sealRecordFields(dek, ctx, fields);
  const head = slots[0]!;
  const headerLen = 2 + 6 + 4;
  const iv = head.subarray(headerLen, headerLen + 12);
  const tag = head.subarray(headerLen + 12, headerLen + 28);
  const ciphertext = Buffer.concat([head.subarray(headerLen + 28), ...slots.slice(1).map((s) => s.subarray(1))]);
  // gcmEncrypt/gcmDecrypt are checked against the NIST GCM test vectors in aes-gcm.test.ts.
  const expected = gcmEncrypt(keyBytes, iv, Buffer.concat(fields.map((f) => f.plaintext)), documentedAad(ctx, dek.keyId, dek.version, fields));
  assert.deepEqual(ciphertext, expected.ciphertext);
  assert.deepEqual(tag, expected.tag);
  assert.deepEqual(gcmDecrypt(keyBytes, iv, ciphertext, documentedAad(ctx, dek.keyId, dek.version, fields), tag), Buffer.concat(fields.map((f) => f.plaintext)));
});

test('two seals of the same record differ (random IV)', () => {
  assert.notDeepEqual(sealRecordFields(dek, ctx, fields)[0], sealRecordFields(dek, ctx, fields)[0]);
});

test('flipping any bit of any slot (header, IV, tag, any slice, part marker) fails', () => {
  const slots = sealRecordFields(dek, ctx, fields);
  for (const [si, slot] of slots.entries()) {
    for (let i = 0; i < slot.length; i += 1) {
      const bad = slots.map((s) => Buffer.from(s));
      bad[si]![i]! ^= 1 << (i % 8);
      assert.throws(() => open(bad), CryptoError, `slot ${si} byte ${i}`);
    }
  }
});

test('a slice moved to another field, fields reordered, a slot dropped or added, another event, schema id or key: all fail', () => {
  const slots = sealRecordFields(dek, ctx, fields);
  // Swap two parts of the same length and two of different lengths.
  const equalLen = sealRecordFields(dek, ctx, [fields[0]!, { path: 'a', plaintext: json('xx') }, { path: 'b', plaintext: json('yy') }]);
  const eqFields: RecordField[] = [fields[0]!, { path: 'a', plaintext: json('xx') }, { path: 'b', plaintext: json('yy') }];
  assert.throws(() => open([equalLen[0]!, equalLen[2]!, equalLen[1]!], ctx, dek.key, eqFields), CryptoError);
  assert.throws(() => open([slots[0]!, slots[2]!, slots[1]!, slots[3]!]), CryptoError);
  // The same slices under other field paths.
  assert.throws(() => open(slots, ctx, dek.key, fields.map((f, i) => (i === 2 ? { ...f, path: 'payload.ChildRecord.address.city' } : f))), CryptoError);
  // Head not first.
  assert.throws(() => open([slots[1]!, slots[0]!, slots[2]!, slots[3]!]), CryptoError);
  // Dropped and added slots.
  assert.throws(() => open(slots.slice(0, 3), ctx, dek.key, fields.slice(0, 3)), CryptoError);
  const other = sealRecordFields(dek, { ...ctx, eventId: '9b2f6a8e-0000-4000-8000-000000000002' }, fields);
  assert.throws(() => open([...slots, other[1]!], ctx, dek.key, [...fields, fields[1]!]), CryptoError);
  // A part from another event (same key, same path, same length).
  assert.throws(() => open([slots[0]!, other[1]!, slots[2]!, slots[3]!]), CryptoError);
  assert.throws(() => open(slots, { ...ctx, eventId: '9b2f6a8e-0000-4000-8000-000000000002' }), CryptoError);
  assert.throws(() => open(slots, { ...ctx, schemaId: 43 }), CryptoError);
  assert.throws(() => open(slots, ctx, createSecretKey(randomBytes(32))), CryptoError);
  assert.deepEqual(open(slots), fields.map((f) => f.plaintext), 'the untouched record still opens');
});

test('malformed heads are BAD_ENVELOPE, not a crash', () => {
  for (const bad of [Buffer.alloc(0), Buffer.from([RECORD_HEAD_V2]), Buffer.from([RECORD_HEAD_V2, 0, 0, 0, 0, 1]), Buffer.from([RECORD_PART_V2, 1, 2]), Buffer.from([1, 2, 3])]) {
    assert.throws(() => recordKeyOf(bad), (e: unknown) => e instanceof CryptoError && e.code === 'BAD_ENVELOPE');
  }
});
