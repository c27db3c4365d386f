// Hand-built events of events.pseudonymized.v1 (cwp.analytics.PseudonymizedEvent) for the
// aggregator tests: one child record per (month, province, index), valid against the schema.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { loadSchemaCatalog } from '@cwp/avro';
import type { AggregatorInput } from '@cwp/aggregator';
import { parseBudgets, type BudgetsConfig } from '@cwp/privacy-ledger';
import { isoWeekOf } from '@cwp/pseudonymizer';

const pseudonymizedType = loadSchemaCatalog().type('cwp.analytics.PseudonymizedEvent');

/** A month window label with one ISO week inside it and a timestamp in that week. */
export interface TestMonth {
  readonly month: string;
  readonly week: string;
  readonly at: number;
}

/** `month` (YYYY-MM) with the ISO week and timestamp of its 15th. */
export function testMonth(month: string): TestMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const at = Date.UTC(y, m - 1, 15);
  return { month, week: isoWeekOf(at), at };
}

/** A CHILD_RECORD in care in `province`, consenting to analytics and media; pseudonyms end in `${province}${i}`. */
export function childInCare(month: TestMonth, province: string, i: number): AggregatorInput & Record<string, unknown> {
  const event = {
    eventId: randomUUID(), eventType: 'CHILD_RECORD', subjectType: 'CHILD',
    pseudonyms: { analytics: `analytics.2026Q4.${province}${i}`, media: `media.2026Q4.${province}${i}` }, pseudonymEpoch: '2026Q4',
    consentPurposes: ['analytics', 'media'], legalBasis: 'CONSENT', occurredWeek: month.week, occurredMonth: month.month,
    ageBand: '5-9', sex: null, district: null, province,
    generalisation: { dateOfBirth: 'age-band-5y', address: 'province', dates: 'iso-week' },
    severity: null, operationType: null, occupancy: null, capacity: null, staffOnDuty: null, careStatus: 'FOSTER_CARE', programme: null,
    paymentChannel: null, amountIdr: null, activityType: null, hours: null, partnerType: null, recordType: null, consecutiveMissed: null, caretakerChangeReason: null,
  };
  assert.ok(pseudonymizedType.isValid(event), 'hand-built event is a valid PseudonymizedEvent');
  return event;
}

/** A count-by-province query of CHILD_RECORD events over monthly windows, one contribution per pseudonym. */
export function provinceCountQuery(id: string, dataset: string, consentPurpose: string): Record<string, unknown> {
  return {
    id, description: 'children by province', metric: 'count', eventTypes: ['CHILD_RECORD'], dimensions: ['province'],
    window: { size: 'month', allowedLatenessMs: 0 }, dataset, consentPurpose, bounds: { maxGroupsPerPseudonym: 1, maxContributionsPerGroup: 1 },
  };
}

/** Ledger budgets with the seeds' per-release ε by category and the given datasets (monthly periods). */
export function seedBudgets(datasets: Record<string, unknown>, source: string): BudgetsConfig {
  return parseBudgets({
    period: 'month', defaultDeltaCap: '0.00001',
    categories: {
      'child-demographics': { epsilonPerRelease: '0.1' }, 'aggregate-outcomes': { epsilonPerRelease: '0.5' },
      research: { epsilonPerRelease: '1.0' }, 'public-statistics': { epsilonPerRelease: '2.0' },
    },
    datasets,
  }, source);
}
