// Calibration of the discrete Gaussian: the rounded σ² satisfies ρ + 2√(ρ ln(1/δ)) ≤ ε with
// ρ = Δ²/(2σ²) (CKS 2020 Thm. 4 + Bun–Steinke 2016 Prop. 1.3), and the noise has its variance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { createGaussianMechanism, gaussianNoiseFor, gaussianSigma2For, parseRational, toNumber } from '../src/index.js';
import { discreteGaussianPmf, moments, symmetricMoments, withinZ } from './support/stats.js';

test('σ² meets the (ε, δ) bound after rounding, and is not wastefully large', () => {
  for (const [s, eps, delta] of [[1, '1', '1e-6'], [1, '0.1', '1e-6'], [4, '0.5', '1e-9'], [10, '2', '0.00001'], [1, '1/3', '1/1000000']] as const) {
    const sigma2 = gaussianSigma2For(s, eps, delta);
    assert.equal(sigma2.den <= 1_000_000n, true);
    const rho = (s * s) / (2 * toNumber(sigma2));
    const L = Math.log(1 / toNumber(parseRational(delta)));
    const e = toNumber(parseRational(eps));
    assert.ok(rho + 2 * Math.sqrt(rho * L) <= e, `Δ=${s} ε=${eps} δ=${delta}: ρ=${rho}`);
    // Not more than 1e-5 relative above the exact solution.
    const exact = (s * s) / (2 * (Math.sqrt(L + e) - Math.sqrt(L)) ** 2);
    assert.ok(toNumber(sigma2) <= exact * (1 + 1e-5) + 1e-6, `σ² ${toNumber(sigma2)} vs ${exact}`);
  }
  assert.deepEqual(gaussianSigma2For(1, '1', '1e-6'), { num: 28_622_287n, den: 1_000_000n });
});

test('refuses δ ≥ 1, δ = 0 and float parameters', () => {
  assert.throws(() => gaussianSigma2For(1, '1', '1'), ValidationError);
  assert.throws(() => gaussianSigma2For(1, '1', '0'), ValidationError);
  assert.throws(() => gaussianSigma2For(1, 1 as unknown as string, '1e-6'), ValidationError);
});

test('mechanism reports ρ and describes itself', () => {
  const m = createGaussianMechanism({ sensitivity: 1, epsilon: '1', delta: '1e-6' });
  assert.equal(m.mechanism, 'discrete-gaussian');
  assert.equal(m.describe(), 'discrete-gaussian(Δ=1, ε=1, δ=1/1000000, σ²=28622287/1000000)');
  assert.ok(m.rho > 0.0174 && m.rho < 0.0175);
});

test('noise for (Δ = 1, ε = 1, δ = 1e-6) has mean 0 and the discrete Gaussian variance', () => {
  const n = 100_000;
  const s: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) s[i] = gaussianNoiseFor(1, '1', '1e-6');
  const { m2, m4 } = symmetricMoments(discreteGaussianPmf(28.622287));
  const { mean, variance } = moments(s);
  const mm = withinZ(mean, 0, Math.sqrt(m2 / n));
  assert.ok(mm.ok, mm.message);
  const vv = withinZ(variance, m2, Math.sqrt((m4 - m2 * m2) / n));
  assert.ok(vv.ok, vv.message);
});
