// k-anonymity suppression of released groups (L. Sweeney, "k-Anonymity: A Model for Protecting
// Privacy", IJUFKS 2002): a group is released only if at least k distinct contributors
// (pseudonyms) are in it, k ≥ 5 on this platform.
//
// A threshold on the *true* count is itself a deterministic function of the data: whether a group
// appears tells whether it reached k. So the rule here is two-sided: the group must have ≥ k
// distinct contributors (the hard floor the acceptance tests demand: 4 contributors never appear)
// AND a noisy count of its contributors (the caller's DP mechanism, e.g. Lap_Z(1/ε_t)) must reach
// the threshold too, so whether a group near the threshold appears is randomised (thresholding as in
// Korolova, Kenthapadi, Mishra, Ntoulas, "Releasing Search Queries and Clicks Privately", WWW 2009,
// and Wilson et al., PoPETs 2020, §4). The caller spends the budget of that noisy count.
import { ValidationError } from '@cwp/errors';

/** Platform floor and default of k. */
export const MIN_K = 5;

/** Options of suppressSmallGroups. */
export interface SuppressionOptions<G> {
  /** Distinct contributors (pseudonyms) in the group. */
  readonly contributorsOf: (group: G) => number | bigint;
  /** k ≥ 5 (default 5). */
  readonly k?: number;
  /** Noisy contributor count for the randomised threshold; without it only the hard floor applies. */
  readonly noisyContributors?: (trueCount: bigint, group: G) => bigint;
  /** Threshold of the noisy count (default k). */
  readonly noisyThreshold?: bigint;
}

/** Splits groups into those released and the number suppressed (the count may be published; the groups may not). */
export function suppressSmallGroups<G>(groups: Iterable<G>, options: SuppressionOptions<G>): { released: G[]; suppressed: number } {
  const k = options.k ?? MIN_K;
  if (!Number.isSafeInteger(k) || k < MIN_K) throw new ValidationError('PRIVACY_PARAMETER_INVALID', `k must be an integer ≥ ${MIN_K}`);
  const floor = BigInt(k);
  const threshold = options.noisyThreshold ?? floor;
  const released: G[] = [];
  let suppressed = 0;
  for (const group of groups) {
    const raw = options.contributorsOf(group);
    const count = typeof raw === 'bigint' ? raw : BigInt(raw);
    // Noise is drawn for every group, released or not, so the work done does not depend on the count.
    const noisy = options.noisyContributors ? options.noisyContributors(count, group) : count;
    if (count >= floor && noisy >= threshold) released.push(group);
    else suppressed += 1;
  }
  return { released, suppressed };
}
