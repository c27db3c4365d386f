// One release of one query for one window, from its stored contributions: pure and deterministic
// up to the injected random source.
//
// 1. Contribution bounding (Wilson et al., PoPETs 2020): contributions sorted by event time then
//    event id, each pseudonym keeps its first maxContributionsPerGroup records in each of its first
//    maxGroupsPerPseudonym groups; values rounded to integers and clamped to the catalogue range.
// 2. ε granted by the ledger is split evenly between the noisy distinct-contributor count used for
//    thresholding (sensitivity L0: one pseudonym is in at most L0 groups) and the metric (for a mean,
//    the noisy sum and the noisy count: three parts). Sequential composition: the parts add up to ε.
// 3. k-anonymity (libs/privacy suppressSmallGroups): a group needs ≥ k distinct pseudonyms AND a
//    noisy contributor count ≥ k, so suppression itself is randomised.
// 4. Noise: discrete Laplace Lap_Z(Δ/ε) or, with δ, discrete Gaussian (C. L. Canonne, G. Kamath,
//    T. Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS 2020): exact samplers.
import type { RandomSource, Rational } from '@cwp/privacy';
import {
  boundContributions, boundedSensitivity, ceilSqrt, clamp, createGaussianMechanism, createLaplaceMechanism,
  cryptoRandom, parsePositiveRational, rational, suppressSmallGroups,
} from '@cwp/privacy';
import type { CatalogueQuery } from './catalogue.js';
import type { Window } from './windows.js';

/** One stored contribution, as the state returns it. */
export interface StoredContribution {
  readonly groupKey: string;
  readonly pseudonym: string;
  readonly eventId: string;
  readonly eventTimeMs: number;
  readonly value: number | null;
}

/** A cwp.aggregates.Release record (schemas/aggregates/Release.avsc). */
export interface Release {
  readonly stakeholder: string;
  readonly queryId: string;
  readonly metric: string;
  readonly measure: string | null;
  readonly dimensions: string[];
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly window: string;
  readonly groups: { key: (string | null)[]; value: number }[];
  readonly epsilonSpent: string;
  readonly delta: string | null;
  readonly mechanism: string;
  readonly suppressedGroups: number;
  readonly k: number;
  readonly reservationId: string;
  readonly releasedAt: number;
}

/** What computeRelease needs besides the contributions. */
export interface ReleaseInput {
  readonly query: CatalogueQuery;
  readonly window: Window;
  readonly contributions: readonly StoredContribution[];
  /** ε the ledger granted (decimal or fraction string). */
  readonly epsilon: string;
  readonly reservationId: string;
  readonly releasedAt: number;
  readonly rng?: RandomSource;
}

interface GroupAgg {
  readonly key: string;
  readonly contributors: Set<string>;
  count: bigint;
  sum: bigint;
}

/** Deterministic order of contributions: event time, then event id. */
export function contributionOrder(a: StoredContribution, b: StoredContribution): number {
  return a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** Integer measure: rounded half away from zero, then clamped to the query's range. */
export function boundedValue(value: number | null, range: readonly [number, number] | undefined): bigint {
  if (value === null || range === undefined) return 1n;
  const rounded = BigInt(Math.sign(value) * Math.round(Math.abs(value)));
  return clamp(rounded, BigInt(range[0]), BigInt(range[1]));
}

/** ε/parts as an exact fraction. */
function share(epsilon: Rational, parts: number): Rational {
  return rational(epsilon.num, epsilon.den * BigInt(parts));
}

/** Computes the release of one query window; the same input and random source give the same output. */
export function computeRelease(input: ReleaseInput): Release {
  const { query, window } = input;
  const rng = input.rng ?? cryptoRandom;
  const epsilon = parsePositiveRational(input.epsilon, 'epsilon');
  const bounds = { maxGroupsPerContributor: query.bounds.maxGroupsPerPseudonym, maxContributionsPerGroup: query.bounds.maxContributionsPerGroup };
  const range = query.bounds.clamp;
  const sorted = [...input.contributions].sort(contributionOrder);
  const { kept } = boundContributions(sorted, { ...bounds, contributorOf: (c) => c.pseudonym, groupOf: (c) => c.groupKey });

  const groups = new Map<string, GroupAgg>();
  for (const c of kept) {
    let g = groups.get(c.groupKey);
    if (!g) groups.set(c.groupKey, (g = { key: c.groupKey, contributors: new Set(), count: 0n, sum: 0n }));
    g.contributors.add(c.pseudonym);
    g.count += 1n;
    g.sum += boundedValue(c.value, range);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const parts = query.metric === 'mean' ? 3 : 2;
  const eps = share(epsilon, parts);
  const delta = query.delta;
  const noise = (sens: { l1: bigint; l2Squared: bigint }) => delta === undefined
    ? createLaplaceMechanism({ sensitivity: sens.l1, epsilon: eps, rng })
    : createGaussianMechanism({ sensitivity: ceilSqrt(sens.l2Squared), epsilon: eps, delta: share(parsePositiveRational(delta, 'delta'), parts), rng });

  // Distinct contributors: one pseudonym changes at most L0 groups' counts by one each.
  const thresholdMech = noise(boundedSensitivity({ maxGroupsPerContributor: bounds.maxGroupsPerContributor, maxContributionsPerGroup: 1 }));
  const countMech = noise(boundedSensitivity(bounds));
  const sumMech = range === undefined ? countMech : noise(boundedSensitivity(bounds, [BigInt(range[0]), BigInt(range[1])]));
  const { released, suppressed } = suppressSmallGroups(ordered, {
    k: query.k,
    contributorsOf: (g) => g.contributors.size,
    noisyContributors: (n) => thresholdMech.release(n),
  });
  const valueMech = query.metric === 'count' ? countMech : sumMech;
  const out = released.map((g) => {
    let value: number;
    if (query.metric === 'count') value = Number(countMech.release(g.count));
    else if (query.metric === 'sum') value = Number(sumMech.release(g.sum));
    else {
      const n = countMech.release(g.count);
      const s = Number(sumMech.release(g.sum));
      const [lo, hi] = range ?? [0, 0];
      value = Math.min(hi, Math.max(lo, s / Number(n < 1n ? 1n : n)));
    }
    return { key: JSON.parse(g.key) as (string | null)[], value };
  });
  const mechanisms = [`threshold ${thresholdMech.describe()}`, `${query.metric === 'mean' ? 'sum ' : ''}${valueMech.describe()}`];
  if (query.metric === 'mean') mechanisms.push(`count ${countMech.describe()}`);
  return {
    stakeholder: query.stakeholder,
    queryId: query.id,
    metric: query.metric,
    measure: query.measure ?? null,
    dimensions: [...query.dimensions],
    windowStart: window.startMs,
    windowEnd: window.endMs,
    window: window.label,
    groups: out,
    epsilonSpent: input.epsilon,
    delta: delta ?? null,
    mechanism: mechanisms.join('; '),
    suppressedGroups: suppressed,
    k: query.k,
    reservationId: input.reservationId,
    releasedAt: input.releasedAt,
  };
}
