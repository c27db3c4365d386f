// The query catalogue (issue 7): per stakeholder, the only statistics it may receive. Each query
// names its metric, generalised dimensions, tumbling event-time window, ledger dataset (whose
// category sets ε per release), the consent purpose it needs and the contribution bounds that
// fix its sensitivity. Validated once with zod, then frozen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';

/** Stakeholders with an aggregates.<stakeholder>.v1 topic. */
export const STAKEHOLDERS = ['government', 'business', 'academia', 'community', 'media'] as const;
export type Stakeholder = (typeof STAKEHOLDERS)[number];

/** Generalised dimensions of a PseudonymizedEvent a query may group by: never an identifier. */
export const DIMENSIONS = [
  'province', 'district', 'ageBand', 'sex', 'occurredWeek', 'occurredMonth', 'programme', 'severity',
  'careStatus', 'operationType', 'activityType', 'paymentChannel', 'partnerType', 'eventType', 'subjectType',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Numeric fields a sum or mean may aggregate. */
export const MEASURES = ['amountIdr', 'hours', 'occupancy', 'capacity', 'staffOnDuty', 'consecutiveMissed'] as const;
export type Measure = (typeof MEASURES)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');
const decimal = z.string().regex(/^\d{1,20}(\.\d{1,20})?(e-\d{1,3})?$/, 'must be a decimal string such as "0.000001" or "1e-6"');
const positiveInt = z.number().int().positive();

const query = z.strictObject({
  id,
  description: z.string().min(1),
  metric: z.enum(['count', 'sum', 'mean']),
  measure: z.enum(MEASURES).optional(),
  eventTypes: z.array(z.string().regex(/^[A-Z_]+$/)).min(1).describe('event types the query counts'),
  dimensions: z.array(z.enum(DIMENSIONS)).min(1).max(3),
  window: z.strictObject({
    size: z.enum(['iso-week', 'month']),
    allowedLatenessMs: z.number().int().min(0).max(90 * 86_400_000),
  }),
  dataset: id,
  delta: decimal.optional().describe('δ for the discrete Gaussian mechanism; absent = discrete Laplace (pure ε-DP)'),
  consentPurpose: z.enum(['analytics', 'research', 'media']),
  k: z.number().int().min(5).default(5),
  bounds: z.strictObject({
    maxGroupsPerPseudonym: positiveInt.max(100),
    maxContributionsPerGroup: positiveInt.max(1000),
    clamp: z.tuple([z.number().int(), z.number().int()]).optional().describe('[lo, hi] integer range measure values are clamped to'),
  }),
}).superRefine((q, ctx) => {
  if (q.metric !== 'count' && q.measure === undefined) ctx.addIssue({ code: 'custom', message: `${q.metric} needs a measure`, path: ['measure'] });
  if (q.metric === 'count' && q.measure !== undefined) ctx.addIssue({ code: 'custom', message: 'count takes no measure', path: ['measure'] });
  if (q.metric !== 'count' && q.bounds.clamp === undefined) ctx.addIssue({ code: 'custom', message: `${q.metric} needs a clamp range`, path: ['bounds', 'clamp'] });
  if (q.bounds.clamp && q.bounds.clamp[0] > q.bounds.clamp[1]) ctx.addIssue({ code: 'custom', message: 'clamp lo must not exceed hi', path: ['bounds', 'clamp'] });
  if (q.bounds.clamp && q.bounds.clamp[0] === 0 && q.bounds.clamp[1] === 0) ctx.addIssue({ code: 'custom', message: 'clamp range must contain a non-zero value', path: ['bounds', 'clamp'] });
  if (new Set(q.dimensions).size !== q.dimensions.length) ctx.addIssue({ code: 'custom', message: 'dimensions repeat', path: ['dimensions'] });
});

const catalogueSchema = z.strictObject({
  $comment: z.string().optional(),
  stakeholders: z.partialRecord(z.enum(STAKEHOLDERS), z.array(query).min(1)),
}).superRefine((c, ctx) => {
  for (const [stakeholder, queries] of Object.entries(c.stakeholders)) {
    const seen = new Set<string>();
    for (const q of queries) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `query id ${q.id} repeats`, path: ['stakeholders', stakeholder] });
      seen.add(q.id);
    }
  }
});

/** One validated query. */
export type QueryConfig = z.infer<typeof query>;

/** A query with its stakeholder. */
export interface CatalogueQuery extends QueryConfig {
  readonly stakeholder: Stakeholder;
  /** Globally unique key: `${stakeholder}/${id}`, the state's query_id. */
  readonly key: string;
}

/** The frozen catalogue: every query of every stakeholder. */
export interface Catalogue {
  readonly queries: readonly CatalogueQuery[];
  byKey(key: string): CatalogueQuery | undefined;
}

/** Default location of the shipped catalogue. */
export const DEFAULT_CATALOGUE_FILE = fileURLToPath(new URL('../config/catalogue.json', import.meta.url));

/** Validates a parsed catalogue; a ConfigError lists every problem with its path. */
export function parseCatalogue(input: unknown, source = 'catalogue'): Catalogue {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid:\n  ${lines.join('\n  ')}`);
  }
  const queries: CatalogueQuery[] = [];
  for (const [stakeholder, list] of Object.entries(parsed.data.stakeholders) as [Stakeholder, QueryConfig[]][]) {
    for (const q of list) queries.push(Object.freeze({ ...q, stakeholder, key: `${stakeholder}/${q.id}` }));
  }
  const index = new Map(queries.map((q) => [q.key, q]));
  return Object.freeze({ queries: Object.freeze(queries), byKey: (key: string) => index.get(key) });
}

/** Reads and validates a catalogue file (default: config/catalogue.json). */
export function loadCatalogue(file: string = DEFAULT_CATALOGUE_FILE): Catalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read the query catalogue ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseCatalogue(raw, file);
}
