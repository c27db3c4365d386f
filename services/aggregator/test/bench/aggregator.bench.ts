// Aggregator bench (issue 7: `aggregator_mean_relative_error`, `aggregator_releases_per_s`), pure,
// no stack: for every query of the shipped catalogue, synthetic windows of 20 groups with 50–500
// contributors each go through computeRelease at the ledger's default ε of the query's dataset
// category (services/privacy-ledger/config/budgets.json). Relative error = |released − true| / true
// over released groups; throughput is compared with the same aggregation without noise, measured
// in the same run. It lives under test/ (not a *.test.ts, so never run as a test) because the root
// tsconfig covers services/*/test but not services/*/bench.
// Run: node --import tsx --conditions=source services/aggregator/test/bench/aggregator.bench.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { boundContributions } from '@cwp/privacy';
import type { CatalogueQuery, StoredContribution } from '../../src/index.js';
import { boundedValue, computeRelease, contributionOrder, loadCatalogue, monthWindow } from '../../src/index.js';
import { seededRandom } from '../support.js';

const GROUPS = 20;
const ROUNDS = Number(process.env.BENCH_AGGREGATOR_ROUNDS ?? 20);
const budgetsFile = fileURLToPath(new URL('../../../privacy-ledger/config/budgets.json', import.meta.url));
const budgets = JSON.parse(readFileSync(budgetsFile, 'utf8')) as {
  categories: Record<string, { epsilonPerRelease: string }>;
  datasets: Record<string, { category: string }>;
};
const window = monthWindow('2026-11')!;

function epsilonOf(q: CatalogueQuery): string {
  const category = budgets.datasets[q.dataset]?.category;
  const eps = category === undefined ? undefined : budgets.categories[category]?.epsilonPerRelease;
  if (eps === undefined) throw new Error(`dataset ${q.dataset} of ${q.key} has no budget category`);
  return eps;
}

/** A window of GROUPS groups; group g has 50 + 450·g/GROUPS contributors with one record each. */
function windowOf(q: CatalogueQuery, seed: number): StoredContribution[] {
  const out: StoredContribution[] = [];
  const [lo, hi] = q.bounds.clamp ?? [0, 0];
  for (let g = 0; g < GROUPS; g++) {
    const n = 50 + Math.floor((450 * g) / GROUPS);
    for (let i = 0; i < n; i++) {
      const value = q.measure === undefined ? null : lo + ((i * 7919 + g * 104_729 + seed) % (hi - lo + 1));
      out.push({ groupKey: JSON.stringify([q.dimensions.map((d) => `${d}-${g}`).join('|')]), pseudonym: `p${g}-${i}`, eventId: `e${g}-${i}`, eventTimeMs: i, value });
    }
  }
  return out;
}

/** The true (bounded, unnoised) value per group. */
function truth(q: CatalogueQuery, contributions: StoredContribution[]): Map<string, number> {
  const { kept } = boundContributions([...contributions].sort(contributionOrder), {
    maxGroupsPerContributor: q.bounds.maxGroupsPerPseudonym, maxContributionsPerGroup: q.bounds.maxContributionsPerGroup,
    contributorOf: (c) => c.pseudonym, groupOf: (c) => c.groupKey,
  });
  const sums = new Map<string, { n: number; s: number }>();
  for (const c of kept) {
    const e = sums.get(c.groupKey) ?? { n: 0, s: 0 };
    e.n += 1;
    e.s += Number(boundedValue(c.value, q.bounds.clamp));
    sums.set(c.groupKey, e);
  }
  return new Map([...sums].map(([k, { n, s }]) => [k, q.metric === 'count' ? n : q.metric === 'sum' ? s : s / n]));
}

/** Runs the bench; returns the metrics. */
export function runAggregatorBench(): Record<string, number> {
  const catalogue = loadCatalogue();
  const errors: number[] = [];
  let releases = 0;
  let releaseMs = 0;
  let exactMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of catalogue.queries) {
      const contributions = windowOf(q, r);
      const t0 = performance.now();
      const expected = truth(q, contributions);
      const t1 = performance.now();
      const release = computeRelease({ query: q, window, contributions, epsilon: epsilonOf(q), reservationId: 'bench', releasedAt: 0, rng: seededRandom(`${q.key}:${r}`) });
      const t2 = performance.now();
      exactMs += t1 - t0;
      releaseMs += t2 - t1;
      releases += 1;
      for (const g of release.groups) {
        const t = expected.get(JSON.stringify(g.key));
        if (t !== undefined && t !== 0) errors.push(Math.abs(g.value - t) / Math.abs(t));
      }
    }
  }
  const releasesPerS = (releases / releaseMs) * 1000;
  const exactPerS = (releases / exactMs) * 1000;
  return {
    aggregator_mean_relative_error: Number((errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length)).toFixed(5)),
    aggregator_releases_per_s: Math.round(releasesPerS),
    aggregator_exact_aggregations_per_s: Math.round(exactPerS),
    aggregator_release_to_exact_ratio: Number((releasesPerS / exactPerS).toFixed(3)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(runAggregatorBench())) process.stdout.write(`${k.padEnd(38)} ${v}\n`);
}
