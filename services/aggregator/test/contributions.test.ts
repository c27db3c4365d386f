import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AggregatorInput } from '../src/index.js';
import { contributionsOf, isoWeekWindow, loadCatalogue, reservationIdFor } from '../src/index.js';

const catalogue = loadCatalogue();
const child = (pseudonyms: Record<string, string>): AggregatorInput => ({
  eventId: 'e1', eventType: 'CHILD_RECORD', subjectType: 'CHILD', pseudonyms, legalBasis: 'CONSENT',
  occurredWeek: '2026-W48', occurredMonth: '2026-11', province: 'Bali', ageBand: '5-9', careStatus: 'FOSTER_CARE',
});

test('ISO weeks: 2026-W01 starts on Monday 29 Dec 2025; 2020-W53 exists', () => {
  assert.equal(isoWeekWindow('2026-W01')?.startMs, Date.UTC(2025, 11, 29));
  assert.equal(isoWeekWindow('2020-W53')?.startMs, Date.UTC(2020, 11, 28));
  assert.equal(isoWeekWindow('2026-11'), null);
});

test('children count only for the purposes their guardians consented to, under that purpose\'s pseudonym', () => {
  const analyticsOnly = contributionsOf(child({ analytics: 'analytics.2026Q4.A' }), catalogue.queries, Date.UTC(2026, 10, 25));
  assert.deepEqual(analyticsOnly.map((c) => c.queryKey), ['government/children-in-care-by-province-age-band']);
  assert.equal(analyticsOnly[0]?.groupKey, JSON.stringify(['Bali', '5-9']));
  const all = contributionsOf(child({ analytics: 'a', research: 'r', media: 'm' }), catalogue.queries, 0);
  assert.deepEqual(all.map((c) => [c.queryKey, c.pseudonym]), [
    ['government/children-in-care-by-province-age-band', 'a'], ['academia/outcomes-by-age-band-region', 'r'], ['media/public-counts-by-province', 'm'],
  ]);
  assert.equal(all[0]?.eventTimeMs, Date.UTC(2026, 10, 23), 'timestamp clamped into the event\'s own week');
});

test('donors count on legitimate interests; a donation without amount contributes nothing to sums', () => {
  const donation: AggregatorInput = {
    eventId: 'd1', eventType: 'DONATION', subjectType: 'DONOR', pseudonyms: { analytics: 'x' }, legalBasis: 'LEGITIMATE_INTERESTS',
    occurredWeek: '2026-W48', occurredMonth: '2026-11', programme: 'HEALTH', amountIdr: 50_000,
  };
  assert.deepEqual(contributionsOf(donation, catalogue.queries, 0).map((c) => [c.queryKey, c.value]), [['business/donations-by-programme-month', 50_000]]);
  assert.deepEqual(contributionsOf({ ...donation, amountIdr: null }, catalogue.queries, 0), []);
});

test('reservation ids depend on stakeholder, query and window only', () => {
  const a = reservationIdFor('government', 'q', 1, '2026-11');
  assert.equal(a, reservationIdFor('government', 'q', 1, '2026-11'));
  assert.notEqual(a, reservationIdFor('media', 'q', 1, '2026-11'));
  assert.notEqual(a, reservationIdFor('government', 'q', 2, '2026-11'));
  assert.match(a, /^[A-Za-z0-9._:/-]{1,200}$/);
});
