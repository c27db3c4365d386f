// Algorithm 2 of CKS 2020 against the discrete Laplace pmf. Every assertion is at α = 1e-8 (see
// support/stats.ts): χ² goodness of fit, mean 0, variance 2e^{−1/t}/(1 − e^{−1/t})², the pmf
// ratio P(x)/P(x+1) = e^{1/t}, and symmetry. A power check shows the χ² test does reject a
// sampler whose scale is 10 % off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rational } from '../src/index.js';
import { sampleDiscreteLaplace } from '../src/index.js';
import { chiSquareGof, discreteLaplacePmf, hoeffdingRadius, histogram, moments, symmetricMoments, withinZ, ALPHA, Z_CRIT } from './support/stats.js';

function draw(scale: Rational, n: number): bigint[] {
  const out: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) out[i] = sampleDiscreteLaplace(scale);
  return out;
}

const N = 200_000;
const T = 2; // ε/Δ = 1/2
const samples = draw({ num: 2n, den: 1n }, N);
const counts = histogram(samples);
const pmf = discreteLaplacePmf(T);

test('outputs are bigints', () => {
  assert.ok(samples.every((x) => typeof x === 'bigint'));
});

test(`χ² goodness of fit to Lap_Z(${T}) (n = ${N}, α = ${ALPHA})`, () => {
  const gof = chiSquareGof(counts, N, pmf);
  assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
  assert.ok(gof.bins >= 20, `only ${gof.bins} bins`);
});

test('mean ≈ 0 and variance ≈ 2e^{−1/t}/(1 − e^{−1/t})²', () => {
  const { m2, m4 } = symmetricMoments(pmf);
  const q = Math.exp(-1 / T);
  const theoretical = (2 * q) / (1 - q) ** 2;
  assert.ok(Math.abs(m2 - theoretical) < 1e-9, 'closed form and summed variance agree');
  const { mean, variance } = moments(samples);
  const m = withinZ(mean, 0, Math.sqrt(theoretical / N));
  assert.ok(m.ok, `mean: ${m.message}`);
  const v = withinZ(variance, theoretical, Math.sqrt((m4 - m2 * m2) / N));
  assert.ok(v.ok, `variance: ${v.message}`);
});

test('P(x)/P(x+1) ≈ e^{1/t} for x = 0, 1, 2, 3 (log-ratio within Z_CRIT standard errors)', () => {
  const abs = (k: number): number => (k === 0 ? counts.get(0n) ?? 0 : (counts.get(BigInt(k)) ?? 0) + (counts.get(BigInt(-k)) ?? 0));
  for (let x = 0; x <= 3; x++) {
    // P(0) = c0/N; P(k) = c_|k|/(2N) for k ≥ 1.
    const px = x === 0 ? abs(0) : abs(x) / 2;
    const py = abs(x + 1) / 2;
    const logRatio = Math.log(px / py);
    const se = Math.sqrt(1 / abs(x) + 1 / abs(x + 1));
    assert.ok(Math.abs(logRatio - 1 / T) <= Z_CRIT * se, `x = ${x}: log ratio ${logRatio}, expected ${1 / T} ± ${Z_CRIT * se}`);
  }
});

test('symmetric: positives and negatives equally likely (Hoeffding)', () => {
  let pos = 0;
  let neg = 0;
  for (const x of samples) if (x > 0n) pos++; else if (x < 0n) neg++;
  const f = pos / (pos + neg);
  assert.ok(Math.abs(f - 0.5) <= hoeffdingRadius(pos + neg), `share of positives ${f}`);
});

test('non-integer rational scale t = 7/3 (the ⌊X/b⌋ step) fits its pmf', () => {
  const n = 100_000;
  const gof = chiSquareGof(histogram(draw({ num: 7n, den: 3n }, n)), n, discreteLaplacePmf(7 / 3));
  assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
});

test('small scale t = 1/2 (ε = 2) fits its pmf', () => {
  const n = 100_000;
  const gof = chiSquareGof(histogram(draw({ num: 1n, den: 2n }, n)), n, discreteLaplacePmf(0.5));
  assert.ok(gof.p > ALPHA, `χ² = ${gof.stat.toFixed(1)} on ${gof.df} df, p = ${gof.p}`);
});

test('power: the same samples are rejected against a scale 10 % larger', () => {
  const gof = chiSquareGof(counts, N, discreteLaplacePmf(T * 1.1));
  assert.ok(gof.p < ALPHA, `χ² = ${gof.stat.toFixed(1)}, p = ${gof.p}: the test could not tell t from 1.1·t`);
});
