import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { digestEquals, hashSecret, issueCredential, normalizeFingerprint, parseAuthorization } from '../../src/auth/credentials.js';

test('issued credentials: key id shape, 32-byte secret, only its SHA-256 kept', () => {
  const c = issueCredential();
  assert.match(c.keyId, /^gk_[0-9a-f]{24}$/);
  assert.equal(Buffer.from(c.secret, 'base64url').length, 32);
  assert.equal(c.token, `${c.keyId}.${c.secret}`);
  assert.deepEqual(c.secretSha256, createHash('sha256').update(c.secret).digest());
  assert.notEqual(issueCredential().secret, c.secret);
});

test('Authorization parsing: missing, malformed and well-formed', () => {
  const c = issueCredential();
  assert.deepEqual(parseAuthorization(undefined), { kind: 'missing' });
  assert.deepEqual(parseAuthorization(''), { kind: 'missing' });
  for (const bad of [`Basic ${c.token}`, `Bearer ${c.keyId}`, `Bearer ${c.keyId}.`, `Bearer ${c.keyId}.${c.secret}x`, `Bearer gk_zz.${c.secret}`, `bearer ${c.token}`, `Bearer ${c.token} extra`]) {
    assert.deepEqual(parseAuthorization(bad), { kind: 'malformed' }, bad);
  }
  assert.deepEqual(parseAuthorization(`Bearer ${c.token}`), { kind: 'bearer', keyId: c.keyId, secret: c.secret });
});

test('digest comparison: equal, different, absent', () => {
  const a = hashSecret('a');
  assert.equal(digestEquals(a, hashSecret('a')), true);
  assert.equal(digestEquals(a, hashSecret('b')), false);
  assert.equal(digestEquals(a, null), false);
  assert.equal(digestEquals(a, Buffer.alloc(3)), false);
});

test('fingerprints normalise to lower-case hex', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(normalizeFingerprint('AB:'.repeat(31) + 'AB'), hex);
  assert.equal(normalizeFingerprint(hex), hex);
  assert.equal(normalizeFingerprint('abc'), null);
});
