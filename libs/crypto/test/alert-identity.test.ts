import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataKey } from '../src/index.js';
import {
  ALERT_IDENTITY_PURPOSE, CryptoError, KeyUnavailableError, SHREDDED_ALERT_IDENTITY, fieldAad, gcmDecrypt, openAlertIdentity, parseFieldEnvelope, sealAlertIdentity, sealField,
} from '../src/index.js';

const dek: DataKey = { keyId: 'k1_test', version: 3, key: createSecretKey(randomBytes(32)) };
const keys = { dekFor: (keyId: string, version: number) => (keyId === dek.keyId && version === dek.version ? Promise.resolve(dek) : Promise.reject(new KeyUnavailableError('KEY_NOT_FOUND', 'no'))) };
const body = (env: string): Buffer => Buffer.from(env.slice(`${ALERT_IDENTITY_PURPOSE}.sealed.`.length), 'base64url');
const rebuild = (b: Buffer): string => `${ALERT_IDENTITY_PURPOSE}.sealed.${b.toString('base64url')}`;
const failed = (e: unknown): boolean => e instanceof CryptoError;

test('round trip under the DEK its header names; AAD = fieldAad(alertId, purpose label, schema 0) + header (cross-check with raw GCM)', async () => {
  const env = sealAlertIdentity(dek, 'CHD-000042', 'csa-abc');
  assert.equal(await openAlertIdentity(env, 'csa-abc', keys), 'CHD-000042');
  const p = parseFieldEnvelope(body(env));
  assert.deepEqual([p.keyId, p.dekVersion], ['k1_test', 3]);
  const aad = Buffer.concat([fieldAad({ eventId: 'csa-abc', fieldPath: ALERT_IDENTITY_PURPOSE, schemaId: 0 }), p.header]);
  assert.equal(gcmDecrypt(dek.key, p.nonce, p.ciphertext, aad, p.tag).toString('utf8'), 'CHD-000042');
});

test('moved to another alert, any flipped bit, or a field ciphertext presented as an identity: all fail', async () => {
  const env = sealAlertIdentity(dek, 'CHD-000042', 'csa-abc');
  await assert.rejects(openAlertIdentity(env, 'csa-abd', keys), failed);
  const b = body(env);
  for (let i = 0; i < b.length; i += 7) {
    const t = Buffer.from(b);
    t[i]! ^= 0x01;
    await assert.rejects(openAlertIdentity(rebuild(t), 'csa-abc', keys), (e: unknown) => failed(e) || e instanceof KeyUnavailableError, `bit flip at byte ${i}`);
  }
  // An event field sealed under the same DEK (same bytes framing) does not open as an alert identity.
  const field = sealField(dek, { eventId: 'csa-abc', fieldPath: 'payload.ChildRecord.name', schemaId: 7 }, Buffer.from('CHD-000042'));
  await assert.rejects(openAlertIdentity(rebuild(field), 'csa-abc', keys), failed);
  await assert.rejects(openAlertIdentity('cwp-ie.v1.aes256gcm.a.b.c', 'csa-abc', keys), failed);
  await assert.rejects(openAlertIdentity(`${ALERT_IDENTITY_PURPOSE}.sealed.not base64!`, 'csa-abc', keys), failed);
});

test('the shredded marker opens to KEY_SHREDDED, never to a value', async () => {
  await assert.rejects(openAlertIdentity(SHREDDED_ALERT_IDENTITY, 'csa-abc', keys), (e: unknown) => e instanceof KeyUnavailableError && e.code === 'KEY_SHREDDED');
  assert.throws(() => sealAlertIdentity(dek, '', 'csa-abc'), failed);
});
