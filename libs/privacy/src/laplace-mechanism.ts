// The discrete Laplace mechanism: M(D) = f(D) + Lap_Z(Δ/ε) for an integer query f of L1
// sensitivity Δ is ε-differentially private (C. L. Canonne, G. Kamath, T. Steinke, "The Discrete
// Gaussian for Differential Privacy", NeurIPS 2020, §2; the geometric mechanism of A. Ghosh,
// T. Roughgarden, M. Sundararajan, STOC 2009). ε is parsed exactly, so the scale Δ/ε is the exact
// fraction Δ·den/num and the noise is exactly Lap_Z(Δ/ε), with no double anywhere.
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import type { RandomSource } from './random-source.js';
import { cryptoRandom } from './random-source.js';
import type { Rational, RationalInput } from './rational.js';
import { formatRational, parsePositiveRational, parseSensitivity, rational, toNumber } from './rational.js';

/** A calibrated mechanism: its parameters (for the release record) and its sampler. */
export interface LaplaceMechanism {
  readonly mechanism: 'discrete-laplace';
  readonly sensitivity: bigint;
  readonly epsilon: Rational;
  /** t = Δ/ε: P[noise = x] ∝ exp(−|x|/t). */
  readonly scale: Rational;
  /** Variance of the noise, 2e^{−1/t}/(1 − e^{−1/t})², as a double (for reports, not sampling). */
  readonly variance: number;
  /** A fresh noise sample. */
  sample(): bigint;
  /** value + fresh noise. */
  release(value: bigint): bigint;
  /** "discrete-laplace(Δ=1, ε=1/10, t=10)". */
  describe(): string;
}

/** The scale t = Δ/ε as an exact fraction. */
export function laplaceScaleFor(sensitivity: bigint | number, epsilon: RationalInput): Rational {
  const delta = parseSensitivity(sensitivity);
  const eps = parsePositiveRational(epsilon, 'epsilon');
  return rational(delta * eps.den, eps.num);
}

/** Variance of Lap_Z(t): 2e^{−1/t}/(1 − e^{−1/t})². */
export function discreteLaplaceVariance(scale: Rational): number {
  const q = Math.exp(-1 / toNumber(scale));
  return (2 * q) / (1 - q) ** 2;
}

/** Builds the ε-DP discrete Laplace mechanism for an integer query of L1 sensitivity Δ. */
export function createLaplaceMechanism(options: { sensitivity: bigint | number; epsilon: RationalInput; rng?: RandomSource }): LaplaceMechanism {
  const sensitivity = parseSensitivity(options.sensitivity);
  const epsilon = parsePositiveRational(options.epsilon, 'epsilon');
  const scale = rational(sensitivity * epsilon.den, epsilon.num);
  const rng = options.rng ?? cryptoRandom;
  return Object.freeze({
    mechanism: 'discrete-laplace' as const,
    sensitivity, epsilon, scale,
    variance: discreteLaplaceVariance(scale),
    sample: () => sampleDiscreteLaplace(scale, rng),
    release: (value: bigint) => value + sampleDiscreteLaplace(scale, rng),
    describe: () => `discrete-laplace(Δ=${sensitivity}, ε=${formatRational(epsilon)}, t=${formatRational(scale)})`,
  });
}

/** One sample of the noise that makes an integer query of L1 sensitivity Δ ε-DP: Lap_Z(Δ/ε). */
export function laplaceNoiseForEpsilon(sensitivity: bigint | number, epsilon: RationalInput, rng: RandomSource = cryptoRandom): bigint {
  return sampleDiscreteLaplace(laplaceScaleFor(sensitivity, epsilon), rng);
}
