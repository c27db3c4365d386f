// Statistics for the sampler tests, in doubles (tests only). Every statistical assertion of the
// suite is made at significance ALPHA = 1e-8: with fewer than 100 such assertions per run, a correct
// sampler fails the suite with probability below 1e-6 (union bound), and runs never need a retry.
//  - frequencies: Hoeffding's inequality, P[|p̂ − p| ≥ r] ≤ 2·exp(−2nr²), exact for any n;
//  - means / variances / log-ratios: normal approximation at |z| ≥ Z_CRIT (two-sided tail 1.0e-8)
//    over n ≥ 10⁵ samples of light-tailed, mostly symmetric variables, where the CLT is accurate;
//  - goodness of fit: Pearson's χ² with bins of expected count ≥ 50, p-value from the regularised
//    upper incomplete gamma function (Numerical Recipes §6.2).

/** Significance of every statistical assertion. */
export const ALPHA = 1e-8;
/** Two-sided standard normal critical value for ALPHA: P[|Z| > 5.73] = 1.0e-8. */
export const Z_CRIT = 5.73;

/** Radius r with P[|p̂ − p| ≥ r] ≤ alpha for a mean of n independent {0,1} draws (Hoeffding). */
export function hoeffdingRadius(n: number, alpha = ALPHA): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

function lnGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), relative error < 1e-15.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x < 0 || a <= 0) throw new RangeError('gammaQ needs a > 0, x ≥ 0');
  if (x === 0) return 1;
  const gln = lnGamma(a);
  if (x < a + 1) {
    // series for P(a, x)
    let sum = 1 / a;
    let del = sum;
    for (let n = 1; n < 10_000; n++) {
      del *= x / (a + n);
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  // continued fraction (modified Lentz) for Q(a, x)
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** P[χ²_df ≥ stat]. */
export function chiSquarePValue(stat: number, df: number): number {
  return gammaQ(df / 2, stat / 2);
}

/** Counts of each value. */
export function histogram(samples: readonly bigint[]): Map<bigint, number> {
  const h = new Map<bigint, number>();
  for (const s of samples) h.set(s, (h.get(s) ?? 0) + 1);
  return h;
}

/**
 * Pearson χ² of integer samples against a symmetric pmf: one bin per x in (−m, m), and the two
 * edge bins (−∞, −m] and [m, ∞), where m is the largest value whose own bin expects ≥ minExpected.
 */
export function chiSquareGof(counts: Map<bigint, number>, n: number, pmf: (x: number) => number, minExpected = 50): { stat: number; df: number; p: number; bins: number } {
  let m = 0;
  while (n * pmf(m + 1) >= minExpected) m++;
  if (m < 1) throw new Error('chiSquareGof: too few samples for two bins');
  let interior = 0;
  for (let x = -m + 1; x < m; x++) interior += pmf(x);
  const edge = (1 - interior) / 2;
  const observedAt = (x: number): number => counts.get(BigInt(x)) ?? 0;
  let low = 0;
  let high = 0;
  for (const [x, c] of counts) {
    if (x <= BigInt(-m)) low += c;
    else if (x >= BigInt(m)) high += c;
  }
  let stat = (low - n * edge) ** 2 / (n * edge) + (high - n * edge) ** 2 / (n * edge);
  let bins = 2;
  for (let x = -m + 1; x < m; x++) {
    const expected = n * pmf(x);
    stat += (observedAt(x) - expected) ** 2 / expected;
    bins++;
  }
  const df = bins - 1;
  return { stat, df, p: chiSquarePValue(stat, df), bins };
}

/** Sample mean and (biased) variance of bigint samples, in doubles. */
export function moments(samples: readonly bigint[]): { mean: number; variance: number } {
  let s = 0n;
  let s2 = 0n;
  for (const x of samples) { s += x; s2 += x * x; }
  const n = samples.length;
  const mean = Number(s) / n;
  return { mean, variance: Number(s2) / n - mean * mean };
}

/** E[X²] and E[X⁴] of a symmetric pmf on the integers (mean 0), summed until terms vanish. */
export function symmetricMoments(pmf: (x: number) => number): { m2: number; m4: number } {
  let m2 = 0;
  let m4 = 0;
  for (let x = 1; x < 1_000_000; x++) {
    const p = 2 * pmf(x);
    m2 += p * x * x;
    m4 += p * x ** 4;
    if (p * x ** 4 < 1e-300 || (x > 10 && p * x ** 4 < m4 * 1e-18)) break;
  }
  return { m2, m4 };
}

/** pmf of Lap_Z(t): (1 − q)/(1 + q)·q^|x|, q = e^{−1/t}. */
export function discreteLaplacePmf(t: number): (x: number) => number {
  const q = Math.exp(-1 / t);
  return (x) => ((1 - q) / (1 + q)) * q ** Math.abs(x);
}

/** pmf of N_Z(0, σ²), normalised by direct summation. */
export function discreteGaussianPmf(sigma2: number): (x: number) => number {
  let z = 1;
  for (let x = 1; x < 100 + 50 * Math.sqrt(sigma2); x++) z += 2 * Math.exp(-(x * x) / (2 * sigma2));
  return (x) => Math.exp(-(x * x) / (2 * sigma2)) / z;
}

/** Asserts |observed − expected| ≤ Z_CRIT·se, with a message naming everything. */
export function withinZ(observed: number, expected: number, se: number): { ok: boolean; message: string } {
  const z = (observed - expected) / se;
  return { ok: Math.abs(z) <= Z_CRIT, message: `observed ${observed}, expected ${expected}, se ${se}, z = ${z.toFixed(2)} (limit ±${Z_CRIT})` };
}
