import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { formatRational, isqrt, parsePositiveRational, parseRational, parseSensitivity } from '../src/index.js';

test('parses decimals, fractions, exponents and objects exactly, in lowest terms', () => {
  assert.deepEqual(parseRational('0.1'), { num: 1n, den: 10n });
  assert.deepEqual(parseRational('2.50'), { num: 5n, den: 2n });
  assert.deepEqual(parseRational('1/3'), { num: 1n, den: 3n });
  assert.deepEqual(parseRational('6/4'), { num: 3n, den: 2n });
  assert.deepEqual(parseRational('1e-6'), { num: 1n, den: 1_000_000n });
  assert.deepEqual(parseRational('2.5E+2'), { num: 250n, den: 1n });
  assert.deepEqual(parseRational({ num: 2, den: 10n }), { num: 1n, den: 5n });
  assert.deepEqual(parseRational(7n), { num: 7n, den: 1n });
  assert.equal(formatRational(parseRational('0.25')), '1/4');
});

test('refuses floats, negatives, zero where positive is required, and junk', () => {
  for (const bad of ['-1', '0.1.2', 'abc', '', '1/0', '1 / 2']) assert.throws(() => parseRational(bad), ValidationError, bad);
  assert.throws(() => parseRational({ num: 0.5, den: 1 }), ValidationError);
  assert.throws(() => parseRational(0.1 as unknown as string), ValidationError);
  assert.throws(() => parsePositiveRational('0', 'epsilon'), /epsilon must be greater than zero/);
  assert.throws(() => parseSensitivity(0), ValidationError);
  assert.throws(() => parseSensitivity(1.5), ValidationError);
  assert.equal(parseSensitivity(3), 3n);
});

test('isqrt is the floor of the square root', () => {
  for (const [n, r] of [[0n, 0n], [1n, 1n], [3n, 1n], [4n, 2n], [99n, 9n], [100n, 10n], [(1n << 100n) + 1n, 1n << 50n]] as const) assert.equal(isqrt(n), r);
  for (let n = 0n; n < 2000n; n++) {
    const r = isqrt(n);
    assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, String(n));
  }
});
