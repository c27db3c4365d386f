import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDriver } from '@cwp/stream-runtime';
import type { AggregatorInput, Release } from '../src/index.js';
import { createAggregator, parseCatalogue } from '../src/index.js';
import { memoryLedger, memoryStore, seededRandom } from './support.js';

const catalogue = parseCatalogue({
  stakeholders: {
    government: [{
      id: 'in-care', description: 'children by province', metric: 'count', eventTypes: ['CHILD_RECORD'], dimensions: ['province'],
      window: { size: 'month', allowedLatenessMs: 0 }, dataset: 'children-in-care', consentPurpose: 'analytics',
      bounds: { maxGroupsPerPseudonym: 1, maxContributionsPerGroup: 1 },
    }],
  },
});
const NOV = Date.UTC(2026, 10, 18);
const DEC = Date.UTC(2026, 11, 10);

function child(eventId: string, pseudonym: string, province: string, month: '2026-11' | '2026-12'): AggregatorInput {
  return {
    eventId, eventType: 'CHILD_RECORD', subjectType: 'CHILD', pseudonyms: { analytics: pseudonym }, legalBasis: 'CONSENT',
    occurredWeek: month === '2026-11' ? '2026-W47' : '2026-W50', occurredMonth: month, province,
  };
}

function november(): { value: AggregatorInput; timestamp: number }[] {
  const out: { value: AggregatorInput; timestamp: number }[] = [];
  for (let i = 0; i < 6; i++) out.push({ value: child(`b${i}`, `pb${i}`, 'Bali', '2026-11'), timestamp: NOV });
  for (let i = 0; i < 4; i++) out.push({ value: child(`a${i}`, `pa${i}`, 'Aceh', '2026-11'), timestamp: NOV });
  out.push({ value: child('b0', 'pb0', 'Bali', '2026-11'), timestamp: NOV }); // an upstream duplicate
  return out;
}

const EXACT = '100000';

test('the window is released once the watermark passes its end: duplicates count once, 4 contributors are suppressed', async () => {
  const store = memoryStore();
  const ledger = memoryLedger(10, EXACT);
  const driver = createTestDriver(createAggregator({ catalogue, store, ledger, rng: seededRandom('t'), clock: () => new Date(DEC) }), { outputs: ['aggregates.government.v1'] });
  const before = await driver.pipe(november());
  assert.deepEqual(before.outputs, []);
  assert.equal(store.contributionRows(), 10);
  const after = await driver.process({ value: child('d0', 'pd0', 'Bali', '2026-12'), timestamp: DEC });
  assert.equal(after.outputs.length, 1);
  const out = after.outputs[0]!;
  const release = out.value as Release;
  assert.equal(out.topic, 'aggregates.government.v1');
  assert.equal(out.subject, 'aggregates.government.v1-value');
  assert.deepEqual(release.groups, [{ key: ['Bali'], value: 6 }]);
  assert.equal(release.suppressedGroups, 1);
  assert.equal(release.window, '2026-11');
  assert.deepEqual(ledger.reserved, [release.reservationId]);
  assert.ok(ledger.committed.has(release.reservationId));
});

test('a retried trigger re-emits the stored release unchanged; later records never release the window again', async () => {
  const store = memoryStore();
  const ledger = memoryLedger(10);
  const driver = createTestDriver(createAggregator({ catalogue, store, ledger, clock: () => new Date(DEC) }));
  await driver.pipe(november());
  const first = await driver.process({ value: child('d0', 'pd0', 'Bali', '2026-12'), timestamp: DEC, offset: 100 });
  const retried = await driver.process({ value: child('d0', 'pd0', 'Bali', '2026-12'), timestamp: DEC, offset: 100 });
  assert.equal(first.outputs.length, 1);
  assert.deepEqual(retried.outputs, first.outputs);
  const later = await driver.process({ value: child('d1', 'pd1', 'Bali', '2026-12'), timestamp: DEC + 1, offset: 101 });
  assert.deepEqual(later.outputs, []);
  assert.equal(ledger.reserved.length, 1, 'one reservation for one window');
});

test('a refused reservation releases nothing and is reported', async () => {
  const refused: string[] = [];
  const ledger = memoryLedger(0);
  const driver = createTestDriver(createAggregator({ catalogue, store: memoryStore(), ledger, onRefused: (r) => refused.push(r.window) }));
  await driver.pipe(november());
  const res = await driver.process({ value: child('d0', 'pd0', 'Bali', '2026-12'), timestamp: DEC });
  assert.deepEqual(res.outputs, []);
  assert.deepEqual(refused, ['2026-11']);
  assert.equal(ledger.committed.size, 0);
});

test('a record without a valid ISO week is dead-lettered', async () => {
  const driver = createTestDriver(createAggregator({ catalogue, store: memoryStore(), ledger: memoryLedger(1) }));
  const res = await driver.process({ value: { ...child('x', 'p', 'Bali', '2026-11'), occurredWeek: 'soon' } });
  assert.equal(res.deadLetters.length, 1);
});
