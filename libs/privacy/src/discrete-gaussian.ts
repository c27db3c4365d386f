// The discrete Gaussian N_Z(0, σ²): P[X = x] = e^{−x²/2σ²} / Σ_{y∈Z} e^{−y²/2σ²} for every
// integer x, sampled exactly for a rational σ².
//
// Implements Algorithm 3 of C. L. Canonne, G. Kamath, T. Steinke, "The Discrete Gaussian for
// Differential Privacy", NeurIPS 2020 (arXiv:2004.00010), §5.3 (rejection from a discrete Laplace):
//   t ← ⌊σ⌋ + 1
//   loop:
//     Y ← Lap_Z(t)
//     C ← Bernoulli(exp(−(|Y| − σ²/t)² / (2σ²))); if C = 1 return Y
// With σ² = p/q the exponent is exactly the rational (|Y|·q·t − p)² / (2·p·q·t²), so no step rounds.
// The expected number of iterations is a small constant for every σ (CKS 2020, §5.3).
// Adding N_Z(0, σ²) to an integer query of L2 sensitivity Δ is (Δ²/2σ²)-zCDP (CKS 2020, Thm. 4);
// see gaussian-mechanism.ts for the (ε, δ) calibration.
import { bernoulliExp } from './bernoulli-exp.js';
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import type { RandomSource } from './random-source.js';
import { cryptoRandom } from './random-source.js';
import type { Rational } from './rational.js';
import { isqrt, rational } from './rational.js';

/** ⌊σ⌋ + 1 for σ² = p/q: ⌊√(p/q)⌋ = ⌊√⌊p/q⌋⌋, an integer square root. */
export function gaussianLaplaceScale(sigma2: Rational): bigint {
  return isqrt(sigma2.num / sigma2.den) + 1n;
}

/** One sample of N_Z(0, σ²) for a rational σ² = num/den > 0. Returns an exact integer. */
export function sampleDiscreteGaussian(sigma2: Rational, rng: RandomSource = cryptoRandom): bigint {
  const p = sigma2.num;
  const q = sigma2.den;
  if (p <= 0n || q <= 0n) throw new RangeError('discrete Gaussian σ² must be positive');
  const t = gaussianLaplaceScale(sigma2);
  const laplace: Rational = { num: t, den: 1n };
  const den = 2n * p * q * t * t;
  for (;;) {
    const y = sampleDiscreteLaplace(laplace, rng);
    const abs = y < 0n ? -y : y;
    const diff = abs * q * t - p;
    if (bernoulliExp(rational(diff * diff, den), rng)) return y;
  }
}
