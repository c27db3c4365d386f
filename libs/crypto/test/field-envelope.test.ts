import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataKey, FieldContext } from '../src/index.js';
import { CryptoError, FIELD_ENVELOPE_V1, openField, parseFieldEnvelope, sealField } from '../src/index.js';

const dek: DataKey = { keyId: 'k1_abc', version: 3, key: createSecretKey(randomBytes(32)) };
const ctx: FieldContext = { eventId: '9b2f6a8e-0000-4000-8000-000000000001', fieldPath: 'payload.ChildRecord.fullName', schemaId: 42 };
const plain = Buffer.from(JSON.stringify('Siti Rahayu'), 'utf8');

const open = (bytes: Buffer, c: FieldContext = ctx, key = dek.key): Buffer => openField(parseFieldEnvelope(bytes), key, c);

test('seal then open round-trips; the header names the key id and DEK version', () => {
  const sealed = sealField(dek, ctx, plain);
  const env = parseFieldEnvelope(sealed);
  assert.equal(env.formatVersion, FIELD_ENVELOPE_V1);
  assert.equal(env.keyId, 'k1_abc');
  assert.equal(env.dekVersion, 3);
  assert.equal(env.nonce.length, 12);
  assert.equal(sealed.length, 2 + 6 + 4 + 12 + plain.length + 16);
  assert.deepEqual(open(sealed), plain);
  assert.ok(!sealed.includes(Buffer.from('Siti')), 'no plaintext in the envelope');
});

test('two seals of the same value differ (random nonces)', () => {
  assert.notDeepEqual(sealField(dek, ctx, plain), sealField(dek, ctx, plain));
});

test('flipping any bit of any byte (header, nonce, ciphertext, tag) fails to open', () => {
  const sealed = sealField(dek, ctx, plain);
  for (let i = 0; i < sealed.length; i += 1) {
    for (let bit = 0; bit < 8; bit += 1) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 1 << bit;
      assert.throws(() => open(bad), CryptoError, `byte ${i} bit ${bit}`);
    }
  }
});

test('a ciphertext moved to another field, event or schema fails (AAD binding)', () => {
  const sealed = sealField(dek, ctx, plain);
  assert.throws(() => open(sealed, { ...ctx, fieldPath: 'payload.ChildRecord.nickname' }), /DECRYPT_FAILED|failed authentication/);
  assert.throws(() => open(sealed, { ...ctx, eventId: '9b2f6a8e-0000-4000-8000-000000000002' }), CryptoError);
  assert.throws(() => open(sealed, { ...ctx, schemaId: 43 }), CryptoError);
  // Array elements are distinct fields: moving [0] to [1] fails too.
  const el = sealField(dek, { ...ctx, fieldPath: 'payload.ChildRecord.medical.immunisations[0].vaccine' }, plain);
  assert.throws(() => open(el, { ...ctx, fieldPath: 'payload.ChildRecord.medical.immunisations[1].vaccine' }), CryptoError);
  // Length-prefixed context: shifting characters between event id and path does not collide.
  const a = sealField(dek, { ...ctx, eventId: 'ab', fieldPath: 'c' }, plain);
  assert.throws(() => open(a, { ...ctx, eventId: 'a', fieldPath: 'bc' }), CryptoError);
});

test('another key, or a header edited to name another version, fails', () => {
  const sealed = sealField(dek, ctx, plain);
  assert.throws(() => open(sealed, ctx, createSecretKey(randomBytes(32))), CryptoError);
  const other = sealField({ ...dek, version: 4 }, ctx, plain);
  const spliced = Buffer.concat([other.subarray(0, 12), sealed.subarray(12)]);
  assert.throws(() => open(spliced), CryptoError);
});

test('malformed envelopes are refused before any decryption', () => {
  assert.throws(() => parseFieldEnvelope(Buffer.alloc(0)), /too short/);
  assert.throws(() => parseFieldEnvelope(Buffer.from([2, 1, 0x41, 0, 0, 0, 1, ...new Array<number>(28).fill(0)])), /format version 2/);
  assert.throws(() => parseFieldEnvelope(sealField(dek, ctx, plain).subarray(0, 30)), /truncated/);
});
