// zod schemas of the API and one helper that turns a failed parse into a 400 naming every bad field.
import { z } from 'zod';
import { DATASET_PATTERN, STAKEHOLDERS } from '../budgets-config.js';
import { isZero, toDecimal } from '../decimal.js';
import { LedgerError } from '../errors.js';
import { PERIOD_PATTERN } from '../period.js';

/** Reservation ids: what the aggregator derives from (stakeholder, query, window). */
export const reservationId = z.string().regex(/^[A-Za-z0-9._:/-]{1,200}$/, 'must be 1–200 letters, digits or . _ : / -');
const stakeholder = z.enum(STAKEHOLDERS);
const dataset = z.string().regex(DATASET_PATTERN, 'must be lower-case letters, digits and dashes');
const decimal = (what: string, positive: boolean) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const d = toDecimal(v);
    if (d === null || (positive && isZero(d))) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a ${positive ? 'positive' : 'non-negative'} decimal such as "0.1" (at most 12 digits each side of the point)` });
      return z.NEVER;
    }
    return d;
  });

export const reserveBody = z.strictObject({
  reservationId,
  stakeholder,
  dataset,
  epsilon: decimal('epsilon', true).optional(),
  delta: decimal('delta', false).optional(),
});
export const reservationParams = z.strictObject({ id: reservationId });
export const budgetParams = z.strictObject({ stakeholder, dataset });
export const budgetQuery = z.strictObject({ period: z.string().regex(PERIOD_PATTERN, "must be a month 'YYYY-MM'").optional() });
export const capBody = z.strictObject({ cap: decimal('cap', false), period: z.string().regex(PERIOD_PATTERN, "must be a month 'YYYY-MM'").optional() });

/** Parses `value` or throws VALIDATION_FAILED with "path: message" for every issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new LedgerError('VALIDATION_FAILED', { details: result.error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`) });
}
