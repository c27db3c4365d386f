// Public surface of @cwp/privacy: exact samplers (CKS 2020), calibrated mechanisms, contribution
// bounding and k-anonymity suppression.
export type { Rational, RationalInput } from './rational.js';
export { parseRational, parsePositiveRational, parseSensitivity, rational, formatRational, toNumber, isqrt, gcd } from './rational.js';
export type { RandomSource } from './random-source.js';
export { cryptoRandom } from './random-source.js';
export { bernoulliExp, bernoulliRational } from './bernoulli-exp.js';
export { sampleDiscreteLaplace } from './discrete-laplace.js';
export { sampleDiscreteGaussian, gaussianLaplaceScale } from './discrete-gaussian.js';
export type { LaplaceMechanism } from './laplace-mechanism.js';
export { createLaplaceMechanism, laplaceNoiseForEpsilon, laplaceScaleFor, discreteLaplaceVariance } from './laplace-mechanism.js';
export type { GaussianMechanism } from './gaussian-mechanism.js';
export { createGaussianMechanism, gaussianNoiseFor, gaussianSigma2For } from './gaussian-mechanism.js';
export type { ContributionBounds, Sensitivity } from './contribution-bounding.js';
export { clamp, boundContributions, boundedSensitivity, ceilSqrt } from './contribution-bounding.js';
export type { SuppressionOptions } from './k-anonymity.js';
export { suppressSmallGroups, MIN_K } from './k-anonymity.js';
