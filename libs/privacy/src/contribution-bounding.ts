// Contribution bounding: a mechanism's noise is calibrated to a sensitivity, and that sensitivity
// holds only if each person (pseudonym) can change the query by a bounded amount. Values are
// clamped to [lo, hi]; each pseudonym contributes to at most L0 groups and at most L∞ records per
// group (per window). Then a count histogram has L1 sensitivity L0·L∞ and L2 sensitivity √L0·L∞,
// and a sum multiplies both by max(|lo|, |hi|). (N. Wilson, D. Zhang, et al., "Differentially
// Private SQL with Bounded User Contribution", PoPETs 2020, §3; Amin, Kulesza, Muñoz, Vassilvitskii,
// "Bounding User Contributions", ICML 2019.)
import { ValidationError } from '@cwp/errors';

function invalid(message: string): ValidationError {
  return new ValidationError('PRIVACY_PARAMETER_INVALID', message);
}

/** Clamps value into [lo, hi] (bigints or integers; lo ≤ hi). */
export function clamp<T extends bigint | number>(value: T, lo: T, hi: T): T {
  if (lo > hi) throw invalid('clamp: lo must not exceed hi');
  return value < lo ? lo : value > hi ? hi : value;
}

/** Per-pseudonym caps. */
export interface ContributionBounds {
  /** L0: most distinct groups one contributor may appear in. */
  readonly maxGroupsPerContributor: number;
  /** L∞: most records one contributor may add to one group. */
  readonly maxContributionsPerGroup: number;
}

/** Keeps, in input order, each contributor's first L∞ records in each of its first L0 groups; returns the rest as a count. */
export function boundContributions<T>(
  records: Iterable<T>,
  options: ContributionBounds & { readonly contributorOf: (record: T) => string; readonly groupOf: (record: T) => string },
): { kept: T[]; dropped: number } {
  checkBounds(options);
  // First-seen rather than random selection: the aggregator feeds records in a deterministic order
  // (by event id), so a replay of the same window keeps the same records and the same answer.
  const groupsOf = new Map<string, Map<string, number>>();
  const kept: T[] = [];
  let dropped = 0;
  for (const record of records) {
    const who = options.contributorOf(record);
    const group = options.groupOf(record);
    let groups = groupsOf.get(who);
    if (!groups) groupsOf.set(who, (groups = new Map<string, number>()));
    const used = groups.get(group);
    if (used === undefined) {
      if (groups.size >= options.maxGroupsPerContributor) { dropped += 1; continue; }
      groups.set(group, 1);
      kept.push(record);
    } else if (used < options.maxContributionsPerGroup) {
      groups.set(group, used + 1);
      kept.push(record);
    } else {
      dropped += 1;
    }
  }
  return { kept, dropped };
}

function checkBounds(bounds: ContributionBounds): void {
  if (!Number.isSafeInteger(bounds.maxGroupsPerContributor) || bounds.maxGroupsPerContributor < 1) throw invalid('maxGroupsPerContributor must be an integer ≥ 1');
  if (!Number.isSafeInteger(bounds.maxContributionsPerGroup) || bounds.maxContributionsPerGroup < 1) throw invalid('maxContributionsPerGroup must be an integer ≥ 1');
}

/** Sensitivities of a bounded count (or, with a value range, sum) histogram. */
export interface Sensitivity {
  /** L1 sensitivity: calibrates the discrete Laplace mechanism. */
  readonly l1: bigint;
  /** L2 sensitivity squared (√ is rarely an integer): ρ = l2Squared / (2σ²). */
  readonly l2Squared: bigint;
  /** Largest change of one group's value. */
  readonly linf: bigint;
}

/** Sensitivity of a histogram under `bounds`; `valueRange` [lo, hi] for sums (counts when absent). */
export function boundedSensitivity(bounds: ContributionBounds, valueRange?: readonly [bigint, bigint]): Sensitivity {
  checkBounds(bounds);
  const l0 = BigInt(bounds.maxGroupsPerContributor);
  const linfCount = BigInt(bounds.maxContributionsPerGroup);
  let m = 1n;
  if (valueRange) {
    const [lo, hi] = valueRange;
    if (lo > hi) throw invalid('valueRange: lo must not exceed hi');
    const absLo = lo < 0n ? -lo : lo;
    const absHi = hi < 0n ? -hi : hi;
    m = absLo > absHi ? absLo : absHi;
    if (m === 0n) throw invalid('valueRange must contain a non-zero value');
  }
  const linf = linfCount * m;
  return { l1: l0 * linf, l2Squared: l0 * linf * linf, linf };
}

/** ⌈√n⌉ for a non-negative bigint: an integer L2 sensitivity bound from l2Squared, for gaussianNoiseFor. */
export function ceilSqrt(n: bigint): bigint {
  if (n < 0n) throw invalid('ceilSqrt needs n ≥ 0');
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return x * x === n ? x : x + 1n;
}
