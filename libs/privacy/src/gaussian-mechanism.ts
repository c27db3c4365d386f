// The discrete Gaussian mechanism for (ε, δ)-DP: M(D) = f(D) + N_Z(0, σ²) for an integer query f
// of L2 sensitivity Δ.
//
// Calibration (stated, conservative):
//   1. N_Z(0, σ²) added to f gives ρ-zCDP with ρ = Δ²/(2σ²): C. L. Canonne, G. Kamath, T. Steinke,
//      "The Discrete Gaussian for Differential Privacy", NeurIPS 2020, Theorem 4.
//   2. ρ-zCDP implies (ρ + 2√(ρ·ln(1/δ)), δ)-DP for every δ > 0: M. Bun, T. Steinke, "Concentrated
//      Differential Privacy: Simplifications, Extensions, and Lower Bounds", TCC 2016, Prop. 1.3.
//   Solving ρ + 2√(ρL) = ε with L = ln(1/δ): √ρ = √(L + ε) − √L, so σ² = Δ² / (2(√(L+ε) − √L)²).
// (CKS 2020 Thm. 7 gives the exact, slightly smaller σ²; this bound is simpler to audit.)
// σ² is computed in doubles *once*, outside the sampling path, then rounded UP to a fraction with
// denominator 10^6 after a 1e-9 relative margin, so rounding can only add noise, never remove it;
// the unit tests re-check the inequality with the rounded σ². Sampling itself is exact.
import { ValidationError } from '@cwp/errors';
import { sampleDiscreteGaussian } from './discrete-gaussian.js';
import type { RandomSource } from './random-source.js';
import { cryptoRandom } from './random-source.js';
import type { Rational, RationalInput } from './rational.js';
import { formatRational, parsePositiveRational, parseSensitivity, rational, toNumber } from './rational.js';

const SIGMA2_DENOMINATOR = 1_000_000n;

/** A calibrated (ε, δ) discrete Gaussian mechanism. */
export interface GaussianMechanism {
  readonly mechanism: 'discrete-gaussian';
  readonly sensitivity: bigint;
  readonly epsilon: Rational;
  readonly delta: Rational;
  /** σ² of N_Z(0, σ²), rounded up. */
  readonly sigma2: Rational;
  /** The zCDP parameter ρ = Δ²/(2σ²) the mechanism actually satisfies (double, for reports). */
  readonly rho: number;
  sample(): bigint;
  release(value: bigint): bigint;
  describe(): string;
}

/** σ² = Δ²/(2ρ) with ρ = (√(ln(1/δ) + ε) − √ln(1/δ))², rounded up to a multiple of 10⁻⁶. */
export function gaussianSigma2For(sensitivity: bigint | number, epsilon: RationalInput, delta: RationalInput): Rational {
  const s = parseSensitivity(sensitivity);
  const eps = parsePositiveRational(epsilon, 'epsilon');
  const d = parsePositiveRational(delta, 'delta');
  if (d.num >= d.den) throw new ValidationError('PRIVACY_PARAMETER_INVALID', 'delta must be below 1 (typically 1e-6 or smaller)');
  const L = -Math.log(toNumber(d));
  const sqrtRho = Math.sqrt(L + toNumber(eps)) - Math.sqrt(L);
  const sigma2 = Number(s * s) / (2 * sqrtRho * sqrtRho);
  if (!Number.isFinite(sigma2) || sigma2 <= 0) throw new ValidationError('PRIVACY_PARAMETER_INVALID', 'epsilon and delta give no finite Gaussian noise; use a larger epsilon or delta');
  const scaled = Math.ceil(sigma2 * (1 + 1e-9) * Number(SIGMA2_DENOMINATOR));
  if (!Number.isSafeInteger(scaled)) throw new ValidationError('PRIVACY_PARAMETER_INVALID', 'Gaussian noise would be astronomically large; check sensitivity, epsilon and delta');
  return rational(BigInt(scaled), SIGMA2_DENOMINATOR);
}

/** Builds the (ε, δ)-DP discrete Gaussian mechanism for an integer query of L2 sensitivity Δ. */
export function createGaussianMechanism(options: { sensitivity: bigint | number; epsilon: RationalInput; delta: RationalInput; rng?: RandomSource }): GaussianMechanism {
  const sensitivity = parseSensitivity(options.sensitivity);
  const epsilon = parsePositiveRational(options.epsilon, 'epsilon');
  const delta = parsePositiveRational(options.delta, 'delta');
  const sigma2 = gaussianSigma2For(sensitivity, epsilon, delta);
  const rng = options.rng ?? cryptoRandom;
  return Object.freeze({
    mechanism: 'discrete-gaussian' as const,
    sensitivity, epsilon, delta, sigma2,
    rho: Number(sensitivity * sensitivity) / (2 * toNumber(sigma2)),
    sample: () => sampleDiscreteGaussian(sigma2, rng),
    release: (value: bigint) => value + sampleDiscreteGaussian(sigma2, rng),
    describe: () => `discrete-gaussian(Δ=${sensitivity}, ε=${formatRational(epsilon)}, δ=${formatRational(delta)}, σ²=${formatRational(sigma2)})`,
  });
}

/** One sample of the noise that makes an integer query of L2 sensitivity Δ (ε, δ)-DP: N_Z(0, σ²). */
export function gaussianNoiseFor(sensitivity: bigint | number, epsilon: RationalInput, delta: RationalInput, rng: RandomSource = cryptoRandom): bigint {
  return sampleDiscreteGaussian(gaussianSigma2For(sensitivity, epsilon, delta), rng);
}
