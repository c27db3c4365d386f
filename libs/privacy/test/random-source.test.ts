// cryptoRandom.below is exactly uniform: χ² on a small range, the randomBytes path for ranges of
// 2^48 and above stays in range and spreads over the top bit (Hoeffding, α = 1e-8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoRandom } from '../src/index.js';
import { ALPHA, chiSquarePValue, hoeffdingRadius } from './support/stats.js';

test('uniform on {0..6} (χ², n = 70000)', () => {
  const n = 70_000;
  const counts = new Array<number>(7).fill(0);
  for (let i = 0; i < n; i++) {
    const v = cryptoRandom.below(7n);
    counts[Number(v)]! += 1;
  }
  const stat = counts.reduce((s, c) => s + (c - n / 7) ** 2 / (n / 7), 0);
  assert.ok(chiSquarePValue(stat, 6) > ALPHA, `χ² = ${stat}`);
});

test('large ranges (≥ 2^48) use the rejection path and stay uniform', () => {
  const range = (1n << 61n) + 12345n; // just above a power of two: worst case for rejection
  const n = 20_000;
  let high = 0;
  for (let i = 0; i < n; i++) {
    const v = cryptoRandom.below(range);
    assert.ok(v >= 0n && v < range);
    if (v >= range / 2n) high++;
  }
  assert.ok(Math.abs(high / n - 0.5) <= hoeffdingRadius(n), `upper half share ${high / n}`);
  assert.equal(cryptoRandom.below(1n), 0n);
  assert.throws(() => cryptoRandom.below(0n), RangeError);
  const edge = (1n << 48n) - 1n;
  for (let i = 0; i < 100; i++) assert.ok(cryptoRandom.below(edge) < edge);
});
