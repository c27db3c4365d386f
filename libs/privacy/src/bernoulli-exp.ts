// Bernoulli(exp(−γ)) for a rational γ ≥ 0, with integer arithmetic only.
//
// Implements Algorithm 1 of C. L. Canonne, G. Kamath, T. Steinke, "The Discrete Gaussian for
// Differential Privacy", NeurIPS 2020 (arXiv:2004.00010), §5.1:
//   γ ∈ [0, 1]: K ← 1; loop { A ← Bernoulli(γ/K); if A = 0 break; K ← K + 1 }; return [K is odd].
//     P[K > k] = γ^k / k!, so P[K odd] = Σ_k (−γ)^k / k! = exp(−γ).
//   γ > 1: return 1 iff ⌊γ⌋ independent Bernoulli(exp(−1)) draws and one Bernoulli(exp(−(γ − ⌊γ⌋)))
//     draw all return 1 (exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ−⌊γ⌋))).
// Every Bernoulli(n/d) is "uniform integer below d is < n": exact, with no rounding anywhere.
import type { RandomSource } from './random-source.js';
import { cryptoRandom } from './random-source.js';
import type { Rational } from './rational.js';

const ONE: Rational = Object.freeze({ num: 1n, den: 1n });

/** Bernoulli(num/den) for 0 ≤ num ≤ den: true with probability exactly num/den. */
export function bernoulliRational(num: bigint, den: bigint, rng: RandomSource = cryptoRandom): boolean {
  if (den <= 0n || num < 0n || num > den) throw new RangeError('bernoulliRational needs 0 ≤ num ≤ den and den > 0');
  if (num === 0n) return false;
  if (num === den) return true;
  return rng.below(den) < num;
}

/** Bernoulli(exp(−γ)) for γ in [0, 1] (Algorithm 1, first case). */
function bernoulliExpAtMostOne(gamma: Rational, rng: RandomSource): boolean {
  let k = 1n;
  // A ~ Bernoulli(γ/k) = Bernoulli(num / (den·k)); γ ≤ 1 keeps num ≤ den·k.
  while (bernoulliRational(gamma.num, gamma.den * k, rng)) k += 1n;
  return (k & 1n) === 1n;
}

/** Bernoulli(exp(−γ)) for a rational γ ≥ 0: true with probability exactly exp(−γ). */
export function bernoulliExp(gamma: Rational, rng: RandomSource = cryptoRandom): boolean {
  if (gamma.den <= 0n || gamma.num < 0n) throw new RangeError('bernoulliExp needs γ ≥ 0');
  if (gamma.num <= gamma.den) return bernoulliExpAtMostOne(gamma, rng);
  const whole = gamma.num / gamma.den;
  for (let i = 0n; i < whole; i += 1n) {
    // Stop at the first failure: the product is already 0, and fewer draws keep large γ cheap.
    if (!bernoulliExpAtMostOne(ONE, rng)) return false;
  }
  return bernoulliExpAtMostOne({ num: gamma.num - whole * gamma.den, den: gamma.den }, rng);
}
