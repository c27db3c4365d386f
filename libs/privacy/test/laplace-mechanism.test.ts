// The ε-DP discrete Laplace mechanism through its public API: scale Δ/ε exact, and released values
// (value + noise) over many runs have the theoretical mean and variance and the pmf ratio e^{ε/Δ}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { createLaplaceMechanism, discreteLaplaceVariance, laplaceNoiseForEpsilon, laplaceScaleFor } from '../src/index.js';
import { ALPHA, chiSquareGof, discreteLaplacePmf, histogram, moments, symmetricMoments, withinZ, Z_CRIT } from './support/stats.js';

test('scale t = Δ/ε as an exact fraction', () => {
  assert.deepEqual(laplaceScaleFor(1, '0.1'), { num: 10n, den: 1n });
  assert.deepEqual(laplaceScaleFor(3n, '0.5'), { num: 6n, den: 1n });
  assert.deepEqual(laplaceScaleFor(1, { num: 1n, den: 3n }), { num: 3n, den: 1n });
  assert.deepEqual(laplaceScaleFor(1, '2'), { num: 1n, den: 2n });
  assert.deepEqual(laplaceScaleFor(2, '0.3'), { num: 20n, den: 3n });
  assert.throws(() => laplaceScaleFor(1, '0'), ValidationError);
  assert.throws(() => laplaceScaleFor(1, '-0.1'), ValidationError);
  assert.throws(() => laplaceScaleFor(0, '1'), ValidationError);
  assert.throws(() => laplaceNoiseForEpsilon(1, 0.1 as unknown as string), ValidationError);
});

test('mechanism describes itself for the release record', () => {
  const m = createLaplaceMechanism({ sensitivity: 1, epsilon: '0.1' });
  assert.equal(m.mechanism, 'discrete-laplace');
  assert.equal(m.describe(), 'discrete-laplace(Δ=1, ε=1/10, t=10)');
  assert.ok(Math.abs(m.variance - discreteLaplaceVariance({ num: 10n, den: 1n })) < 1e-12);
  assert.ok(Math.abs(m.variance - 199.833) < 1e-3);
});

test('released counts (42 + noise, Δ = 2, ε = 1) have mean 42, variance 2e^{−ε/Δ}/(1 − e^{−ε/Δ})², ratio e^{ε/Δ}', () => {
  const m = createLaplaceMechanism({ sensitivity: 2, epsilon: '1' });
  const n = 200_000;
  const released: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) released[i] = m.release(42n);
  const { mean, variance } = moments(released);
  const pmf = discreteLaplacePmf(2);
  const { m2, m4 } = symmetricMoments(pmf);
  assert.ok(Math.abs(m.variance - m2) < 1e-9);
  const mm = withinZ(mean, 42, Math.sqrt(m2 / n));
  assert.ok(mm.ok, mm.message);
  const vv = withinZ(variance, m2, Math.sqrt((m4 - m2 * m2) / n));
  assert.ok(vv.ok, vv.message);
  const noise = histogram(released.map((x) => x - 42n));
  const gof = chiSquareGof(noise, n, pmf);
  assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
  for (let x = 1; x <= 3; x++) {
    const a = noise.get(BigInt(x)) ?? 0;
    const b = noise.get(BigInt(x + 1)) ?? 0;
    const se = Math.sqrt(1 / a + 1 / b);
    assert.ok(Math.abs(Math.log(a / b) - 0.5) <= Z_CRIT * se, `P(${x})/P(${x + 1}) = ${a / b}`);
  }
});

test('ε = 0.1 noise (the child-demographics default) has variance ≈ 199.8', () => {
  const n = 100_000;
  const s: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) s[i] = laplaceNoiseForEpsilon(1, '0.1');
  const { m2, m4 } = symmetricMoments(discreteLaplacePmf(10));
  const { mean, variance } = moments(s);
  assert.ok(withinZ(mean, 0, Math.sqrt(m2 / n)).ok, `mean ${mean}`);
  const vv = withinZ(variance, m2, Math.sqrt((m4 - m2 * m2) / n));
  assert.ok(vv.ok, vv.message);
});
