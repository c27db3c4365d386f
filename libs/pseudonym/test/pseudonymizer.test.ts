import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createHmac, hkdfSync } from 'node:crypto';
import { base32, createPseudonymizer, derivePseudonymKey, epochOf, KNOWN_PURPOSES, PSEUDONYM_SALT } from '../src/index.js';

const secret = randomBytes(32);
const ids = Array.from({ length: 4000 }, (_, i) => `CHD-${String(i).padStart(6, '0')}`);
const digestOf = (p: string): string => p.split('.')[2] ?? '';

test('the pseudonym is purpose.epoch.base32(HMAC-SHA-256(HKDF(secret, salt, purpose|epoch), id)[0..20))', () => {
  const key = hkdfSync('sha256', secret, PSEUDONYM_SALT, 'risk|2026Q4', 32);
  const expected = base32(createHmac('sha256', Buffer.from(key)).update('CHD-000001').digest().subarray(0, 20));
  const p = createPseudonymizer({ secret });
  assert.equal(p.pseudonym('CHD-000001', 'risk', '2026Q4'), `risk.2026Q4.${expected}`);
  assert.equal(digestOf(p.pseudonym('x', 'risk', '2026Q4')).length, 32, '160 bits in 32 base32 characters');
  assert.equal(digestOf(createPseudonymizer({ secret, digestBytes: 16 }).pseudonym('x', 'risk', '2026Q4')).length, 26, '128 bits');
  assert.throws(() => createPseudonymizer({ secret, digestBytes: 15 }), RangeError);
});

test('same subject, purpose and epoch → same pseudonym, with either backend and across instances', () => {
  const a = createPseudonymizer({ secret, backend: 'node' });
  const b = createPseudonymizer({ secret: Uint8Array.from(secret), backend: 'noble' });
  for (const id of ids.slice(0, 500)) {
    for (const purpose of KNOWN_PURPOSES) {
      const p = a.pseudonym(id, purpose, '2026Q4');
      assert.equal(a.pseudonym(id, purpose, '2026Q4'), p);
      assert.equal(b.pseudonym(id, purpose, '2026Q4'), p);
    }
  }
  assert.equal(a.pseudonymAt('CHD-1', 'risk', Date.UTC(2026, 9, 1)), a.pseudonym('CHD-1', 'risk', '2026Q4'));
  assert.equal(a.pseudonymAt('CHD-1', 'risk', new Date(Date.UTC(2026, 11, 31, 23, 59))), a.pseudonym('CHD-1', 'risk', '2026Q4'));
});

test('another secret, purpose or epoch → an unrelated pseudonym (no collisions, no shared prefix beyond chance)', () => {
  const p = createPseudonymizer({ secret });
  const other = createPseudonymizer({ secret: randomBytes(32) });
  const variants: [string, (id: string) => string][] = [
    ['other purpose', (id) => p.pseudonym(id, 'research', '2026Q4')],
    ['other epoch', (id) => p.pseudonym(id, 'analytics', '2027Q1')],
    ['other secret', (id) => other.pseudonym(id, 'analytics', '2026Q4')],
  ];
  const base = ids.map((id) => digestOf(p.pseudonym(id, 'analytics', '2026Q4')));
  assert.equal(new Set(base).size, ids.length, 'no collisions within a purpose and epoch');
  for (const [name, f] of variants) {
    const digests = ids.map((id) => digestOf(f(id)));
    const all = new Set([...base, ...digests]);
    assert.equal(all.size, 2 * ids.length, `${name}: no digest shared with the base purpose/epoch`);
    // First character equal by chance: Binomial(n, 1/32); mean 125, sd ≈ 11 → allow ±6 sd.
    const samePrefix = digests.filter((d, i) => d[0] === base[i]?.[0]).length;
    assert.ok(Math.abs(samePrefix - ids.length / 32) < 6 * Math.sqrt(ids.length / 32), `${name}: ${samePrefix} shared first characters`);
    // Character-wise: two independent digests differ in 31/32 of their 32 positions on average.
    let bits = 0;
    for (let i = 0; i < ids.length; i++) {
      const x = Buffer.from(digests[i] ?? '', 'latin1');
      const y = Buffer.from(base[i] ?? '', 'latin1');
      for (let j = 0; j < x.length; j++) bits += Number(x[j] !== y[j]);
    }
    const meanCharsDiffering = bits / ids.length;
    assert.ok(Math.abs(meanCharsDiffering - 32 * 31 / 32) < 0.5, `${name}: mean ${meanCharsDiffering} of 32 characters differ`);
  }
});

test('derived keys differ per purpose and epoch and match HKDF-SHA-256 with the documented salt and info', () => {
  const keys = new Set<string>();
  for (const purpose of KNOWN_PURPOSES) {
    for (const epoch of ['2026Q3', '2026Q4', '2027Q1']) {
      const k = Buffer.from(derivePseudonymKey(secret, purpose, epoch)).toString('hex');
      assert.equal(Buffer.from(derivePseudonymKey(secret, purpose, epoch, 'noble')).toString('hex'), k);
      assert.equal(Buffer.from(hkdfSync('sha256', secret, PSEUDONYM_SALT, `${purpose}|${epoch}`, 32)).toString('hex'), k);
      keys.add(k);
    }
  }
  assert.equal(keys.size, KNOWN_PURPOSES.length * 3);
});

test('bad inputs are refused', () => {
  const p = createPseudonymizer({ secret });
  assert.throws(() => createPseudonymizer({ secret: randomBytes(31) }), RangeError);
  assert.throws(() => p.pseudonym('', 'risk', '2026Q4'), RangeError);
  assert.throws(() => p.pseudonym('x', 'Risk', '2026Q4'), RangeError);
  assert.throws(() => p.pseudonym('x', 'risk|2026Q4', 'x'), RangeError, 'the info separator cannot be smuggled in');
  assert.throws(() => p.pseudonym('x', 'risk', '2026.Q4'), RangeError);
});

test('epochOf cuts quarters, months and years in UTC', () => {
  assert.equal(epochOf(new Date(Date.UTC(2026, 9, 1))), '2026Q4');
  assert.equal(epochOf(Date.UTC(2026, 8, 30, 23, 59, 59, 999)), '2026Q3');
  assert.equal(epochOf(Date.UTC(2026, 0, 1)), '2026Q1');
  assert.equal(epochOf(Date.UTC(2026, 10, 25), 'monthly'), '2026M11');
  assert.equal(epochOf(Date.UTC(2026, 10, 25), 'yearly'), '2026');
  assert.equal(createPseudonymizer({ secret, epochPolicy: 'monthly' }).epochOf(Date.UTC(2026, 1, 3)), '2026M2');
  assert.throws(() => epochOf(Number.NaN), RangeError);
});

test('base32 matches the RFC 4648 §10 test vectors (lower case, unpadded)', () => {
  const v: [string, string][] = [['', ''], ['f', 'my'], ['fo', 'mzxq'], ['foo', 'mzxw6'], ['foob', 'mzxw6yq'], ['fooba', 'mzxw6ytb'], ['foobar', 'mzxw6ytboi']];
  for (const [input, out] of v) assert.equal(base32(new TextEncoder().encode(input)), out);
});
