// The budgets file (config/budgets.json), validated with zod once at start-up and frozen: which
// stakeholder may spend how much ε on which dataset per month, and the per-release ε of each
// dataset category. Pairs absent from the file have no budget: reservations for them are refused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import { compareDecimal, isZero, toDecimal } from './decimal.js';

/** The five stakeholder groups (ARCHITECTURE.md, Who uses it). */
export const STAKEHOLDERS = ['government', 'business', 'academia', 'community', 'media'] as const;
/** One of STAKEHOLDERS. */
export type Stakeholder = (typeof STAKEHOLDERS)[number];

/** The dataset categories of the seeds, with their per-release ε. */
export const CATEGORIES = ['child-demographics', 'aggregate-outcomes', 'research', 'public-statistics'] as const;
/** One of CATEGORIES. */
export type Category = (typeof CATEGORIES)[number];

/** Dataset names: lower-case, digits and dashes. */
export const DATASET_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The default file, next to the package. */
export const DEFAULT_BUDGETS_FILE = fileURLToPath(new URL('../config/budgets.json', import.meta.url));

const decimal = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = toDecimal(v);
  if (d === null) {
    ctx.addIssue({ code: 'custom', message: 'must be a non-negative decimal such as "0.5" (at most 12 digits each side of the point)' });
    return z.NEVER;
  }
  return d;
});
const positiveDecimal = decimal.refine((d) => !isZero(d), 'must be greater than zero');

const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  period: z.literal('month').default('month').describe('budget period; only calendar months (UTC) are supported'),
  defaultDeltaCap: decimal.default('0').describe('δ cap per stakeholder × dataset × period when a dataset sets none'),
  categories: z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, z.strictObject({ epsilonPerRelease: positiveDecimal })])) as Record<Category, z.ZodObject<{ epsilonPerRelease: typeof positiveDecimal }>>),
  datasets: z.record(
    z.string().regex(DATASET_PATTERN, 'dataset names are lower-case letters, digits and dashes'),
    z.strictObject({
      category: z.enum(CATEGORIES),
      deltaCap: decimal.optional(),
      caps: z.partialRecord(z.enum(STAKEHOLDERS), decimal),
    }),
  ),
});

/** A budget's static settings. */
export interface BudgetPolicy {
  readonly stakeholder: Stakeholder;
  readonly dataset: string;
  readonly category: Category;
  readonly epsilonPerRelease: string;
  readonly epsilonCap: string;
  readonly deltaCap: string;
}

/** The validated budgets. */
export interface BudgetsConfig {
  /** The policy of a stakeholder × dataset pair, or null when it has no budget. */
  policy(stakeholder: Stakeholder, dataset: string): BudgetPolicy | null;
  /** Every configured pair. */
  readonly policies: readonly BudgetPolicy[];
}

/** Validates parsed JSON; throws a ConfigError naming every bad path. */
export function parseBudgets(json: unknown, source = 'budgets file'): BudgetsConfig {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid, ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const file = result.data;
  const policies: BudgetPolicy[] = [];
  const problems: string[] = [];
  for (const [dataset, d] of Object.entries(file.datasets)) {
    const perRelease = file.categories[d.category].epsilonPerRelease;
    for (const stakeholder of STAKEHOLDERS) {
      const cap = d.caps[stakeholder];
      if (cap === undefined) continue;
      if (!isZero(cap) && compareDecimal(cap, perRelease) < 0) problems.push(`  datasets.${dataset}.caps.${stakeholder}: cap ${cap} is below one release (${perRelease}); not even one default release fits (use 0 to disable the pair)`);
      policies.push(Object.freeze({ stakeholder, dataset, category: d.category, epsilonPerRelease: perRelease, epsilonCap: cap, deltaCap: d.deltaCap ?? file.defaultDeltaCap }));
    }
  }
  if (problems.length > 0) throw new ConfigError(`${source} is invalid, ${problems.length} problem(s):\n${problems.join('\n')}`);
  const byKey = new Map(policies.map((p) => [`${p.stakeholder}/${p.dataset}`, p]));
  return Object.freeze({ policies: Object.freeze(policies), policy: (s: Stakeholder, d: string) => byKey.get(`${s}/${d}`) ?? null });
}

/** Reads and validates a budgets file. */
export function loadBudgets(file: string = DEFAULT_BUDGETS_FILE): BudgetsConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`budgets file ${file} could not be read as JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseBudgets(json, `budgets file ${file}`);
}
