// The discrete Laplace distribution Lap_Z(t): P[X = x] = (e^{1/t} − 1)/(e^{1/t} + 1) · e^{−|x|/t}
// for every integer x, sampled exactly for a rational scale t = a/b.
//
// Implements Algorithm 2 of C. L. Canonne, G. Kamath, T. Steinke, "The Discrete Gaussian for
// Differential Privacy", NeurIPS 2020 (arXiv:2004.00010), §5.2, for t = a/b (their t/s):
//   loop:
//     U ← uniform{0, …, a−1}; D ← Bernoulli(exp(−U/a)); if D = 0 restart
//     V ← 0; while Bernoulli(exp(−1)) { V ← V + 1 }
//     X ← U + a·V                  (X is geometric: P[X = x] ∝ exp(−x/a))
//     Y ← ⌊X / b⌋                  (Y is geometric: P[Y = y] ∝ exp(−y·b/a))
//     B ← Bernoulli(1/2); if B = 1 and Y = 0 restart   (so 0 is not counted twice)
//     return (1 − 2B)·Y
// Adding Lap_Z(Δ/ε) to an integer-valued query of L1 sensitivity Δ is ε-DP (the ratio of the pmf
// at neighbouring points is exactly e^{ε/Δ}), CKS 2020 §2 / Ghosh, Roughgarden, Sundararajan 2009.
//
// Why not the textbook float sampler (x ← −t·sign(u)·ln|u|, u a double)? I. Mironov, "On
// Significance of the Least Significant Bits for Differential Privacy", ACM CCS 2012: doubles are
// not uniform over the reals, so ln(u) reaches only some values and f(D) + noise lands on a set of
// doubles that depends on f(D). An observer of one output can tell f(D) from f(D′) (often with
// certainty, since many outputs have probability 0 under one of them), and rounding changes the
// tails, so the ε-DP guarantee is lost entirely. Here every step is an integer or an exact rational,
// the output is an integer, and its distribution is exactly Lap_Z(t).
import { bernoulliExp, bernoulliRational } from './bernoulli-exp.js';
import type { RandomSource } from './random-source.js';
import { cryptoRandom } from './random-source.js';
import type { Rational } from './rational.js';

const ONE: Rational = Object.freeze({ num: 1n, den: 1n });

/** One sample of Lap_Z(t) for a rational scale t = num/den > 0. Returns an exact integer. */
export function sampleDiscreteLaplace(scale: Rational, rng: RandomSource = cryptoRandom): bigint {
  const a = scale.num;
  const b = scale.den;
  if (a <= 0n || b <= 0n) throw new RangeError('discrete Laplace scale must be positive');
  for (;;) {
    const u = rng.below(a);
    if (!bernoulliExp({ num: u, den: a }, rng)) continue;
    let v = 0n;
    while (bernoulliExp(ONE, rng)) v += 1n;
    const y = (u + a * v) / b;
    const negative = bernoulliRational(1n, 2n, rng);
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}
