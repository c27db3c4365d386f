import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { STAKEHOLDERS, loadCatalogue, parseCatalogue } from '../src/index.js';

const base = {
  id: 'q', description: 'd', metric: 'count', eventTypes: ['CHILD_RECORD'], dimensions: ['province'],
  window: { size: 'month', allowedLatenessMs: 0 }, dataset: 'children-in-care', consentPurpose: 'analytics',
  bounds: { maxGroupsPerPseudonym: 1, maxContributionsPerGroup: 1 },
};

test('the shipped catalogue is valid and has every stakeholder', () => {
  const c = loadCatalogue();
  for (const s of STAKEHOLDERS) assert.ok(c.queries.some((q) => q.stakeholder === s), s);
  const research = c.byKey('academia/outcomes-by-age-band-region');
  assert.equal(research?.consentPurpose, 'research');
  assert.ok(c.queries.every((q) => q.k >= 5));
});

test('a catalogue with identifiers, k below 5, a sum without clamp or a repeated id is refused', () => {
  const bad: [object, RegExp][] = [
    [{ ...base, dimensions: ['subjectId'] }, /dimensions/],
    [{ ...base, k: 4 }, /\.k:/],
    [{ ...base, metric: 'sum', measure: 'amountIdr' }, /clamp/],
    [{ ...base, metric: 'count', measure: 'amountIdr' }, /count takes no measure/],
  ];
  for (const [q, why] of bad) assert.throws(() => parseCatalogue({ stakeholders: { government: [q] } }), (err: unknown) => err instanceof ConfigError && why.test(err.message), JSON.stringify(q));
  assert.throws(() => parseCatalogue({ stakeholders: { government: [base, base] } }), /repeats/);
  assert.throws(() => parseCatalogue({ stakeholders: { press: [base] } }), ConfigError);
  assert.equal(parseCatalogue({ stakeholders: { government: [base] } }).queries[0]?.key, 'government/q');
});
