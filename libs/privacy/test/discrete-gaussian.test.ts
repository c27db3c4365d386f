// Algorithm 3 of CKS 2020 against the discrete Gaussian pmf, α = 1e-8 per assertion (see
// support/stats.ts): χ² goodness of fit, mean 0, variance = Σ x²·P(x) (slightly below σ²), symmetry,
// and a power check against σ² 10 % larger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rational } from '../src/index.js';
import { gaussianLaplaceScale, sampleDiscreteGaussian } from '../src/index.js';
import { chiSquareGof, discreteGaussianPmf, hoeffdingRadius, histogram, moments, symmetricMoments, withinZ, ALPHA } from './support/stats.js';

function draw(sigma2: Rational, n: number): bigint[] {
  const out: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) out[i] = sampleDiscreteGaussian(sigma2);
  return out;
}

const N = 150_000;
const samples = draw({ num: 4n, den: 1n }, N);
const counts = histogram(samples);
const pmf = discreteGaussianPmf(4);

test('t = ⌊σ⌋ + 1 from the integer square root', () => {
  assert.equal(gaussianLaplaceScale({ num: 4n, den: 1n }), 3n);
  assert.equal(gaussianLaplaceScale({ num: 15n, den: 4n }), 2n); // σ ≈ 1.94
  assert.equal(gaussianLaplaceScale({ num: 1n, den: 4n }), 1n);
  assert.equal(gaussianLaplaceScale({ num: 28_622_287n, den: 1_000_000n }), 6n); // σ ≈ 5.35
});

test(`χ² goodness of fit to N_Z(0, 4) (n = ${N}, α = ${ALPHA})`, () => {
  const gof = chiSquareGof(counts, N, pmf);
  assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
});

test('mean ≈ 0 and variance ≈ Σx²P(x)', () => {
  const { m2, m4 } = symmetricMoments(pmf);
  assert.ok(m2 < 4 && m2 > 3.99, `discrete Gaussian variance ${m2} just below σ² = 4`);
  const { mean, variance } = moments(samples);
  const m = withinZ(mean, 0, Math.sqrt(m2 / N));
  assert.ok(m.ok, `mean: ${m.message}`);
  const v = withinZ(variance, m2, Math.sqrt((m4 - m2 * m2) / N));
  assert.ok(v.ok, `variance: ${v.message}`);
});

test('symmetric (Hoeffding)', () => {
  let pos = 0;
  let neg = 0;
  for (const x of samples) if (x > 0n) pos++; else if (x < 0n) neg++;
  assert.ok(Math.abs(pos / (pos + neg) - 0.5) <= hoeffdingRadius(pos + neg));
});

for (const [num, den] of [[10n, 3n], [1n, 4n], [2500n, 1n]] as const) {
  test(`σ² = ${num}/${den} fits its pmf`, () => {
    const n = 100_000;
    const s2 = Number(num) / Number(den);
    // Wide distributions need fewer samples per bin: keep bins of ≥ 50 expected.
    const gof = chiSquareGof(histogram(draw({ num, den }, n)), n, discreteGaussianPmf(s2));
    assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
  });
}

test('power: the same samples are rejected against σ² 10 % larger', () => {
  const gof = chiSquareGof(counts, N, discreteGaussianPmf(4.4));
  assert.ok(gof.p < ALPHA, `p = ${gof.p}: the test could not tell σ² = 4 from 4.4`);
});
