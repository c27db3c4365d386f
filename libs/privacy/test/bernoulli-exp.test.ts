// Algorithm 1 of CKS 2020: Bernoulli(exp(−γ)) frequencies within Hoeffding radii (α = 1e-8 each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bernoulliExp, bernoulliRational, parseRational } from '../src/index.js';
import { hoeffdingRadius } from './support/stats.js';

function frequency(n: number, draw: () => boolean): number {
  let ones = 0;
  for (let i = 0; i < n; i++) if (draw()) ones++;
  return ones / n;
}

test('γ = 0 always succeeds; huge γ essentially never', () => {
  for (let i = 0; i < 1000; i++) assert.equal(bernoulliExp({ num: 0n, den: 1n }), true);
  // P[any success in 10⁴ draws] ≤ 10⁴·e^{−40} ≈ 4e-14.
  for (let i = 0; i < 10_000; i++) assert.equal(bernoulliExp({ num: 40n, den: 1n }), false);
});

for (const g of ['1/1000', '1/2', '1', '3/2', '5/2', '10/3']) {
  test(`Bernoulli(exp(−${g})) frequency within the Hoeffding radius (n = 200000)`, () => {
    const gamma = parseRational(g);
    const n = 200_000;
    const p = Math.exp(-Number(gamma.num) / Number(gamma.den));
    const f = frequency(n, () => bernoulliExp(gamma));
    const r = hoeffdingRadius(n);
    assert.ok(Math.abs(f - p) <= r, `frequency ${f}, expected ${p} ± ${r}`);
  });
}

test('Bernoulli(num/den) frequency; edge cases exact; bad arguments refused', () => {
  const n = 200_000;
  const f = frequency(n, () => bernoulliRational(1n, 3n));
  assert.ok(Math.abs(f - 1 / 3) <= hoeffdingRadius(n), `frequency ${f}`);
  assert.equal(bernoulliRational(0n, 5n), false);
  assert.equal(bernoulliRational(5n, 5n), true);
  assert.throws(() => bernoulliRational(6n, 5n), RangeError);
  assert.throws(() => bernoulliExp({ num: -1n, den: 1n }), RangeError);
});
