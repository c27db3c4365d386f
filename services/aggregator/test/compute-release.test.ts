import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discreteLaplaceVariance, laplaceScaleFor } from '@cwp/privacy';
import { computeRelease, monthWindow } from '../src/index.js';
import { contributors, queryOf, seededRandom } from './support.js';

const window = monthWindow('2026-11')!;
// ε so large that Lap_Z(Δ/ε) is 0 with overwhelming probability: the true values show through.
const EXACT = '100000';

test('a group with 4 contributors is suppressed and counted; one with 6 is released', () => {
  const contributions = [...contributors('Aceh', 4), ...contributors('Bali', 6)];
  const r = computeRelease({ query: queryOf(), window, contributions, epsilon: EXACT, reservationId: 'r1', releasedAt: 5, rng: seededRandom('s') });
  assert.deepEqual(r.groups, [{ key: ['Bali'], value: 6 }]);
  assert.equal(r.suppressedGroups, 1);
  assert.equal(r.k, 5);
  assert.equal(r.reservationId, 'r1');
  assert.equal(r.windowStart, Date.UTC(2026, 10, 1));
  assert.equal(r.windowEnd, Date.UTC(2026, 11, 1));
});

test('contribution bounding: repeated records and extra groups of one pseudonym are dropped, values clamped', () => {
  const base = contributors('Bali', 5);
  const spam = Array.from({ length: 20 }, (_, i) => ({ groupKey: JSON.stringify(['Bali']), pseudonym: 'Bali-p0', eventId: `x${i}`, eventTimeMs: 2000 + i, value: null }));
  const other = { groupKey: JSON.stringify(['Aceh']), pseudonym: 'Bali-p1', eventId: 'y', eventTimeMs: 9999, value: null };
  const r = computeRelease({ query: queryOf(), window, contributions: [...base, ...spam, other], epsilon: EXACT, reservationId: 'r', releasedAt: 0, rng: seededRandom('b') });
  assert.deepEqual(r.groups, [{ key: ['Bali'], value: 5 }]);
  assert.equal(r.suppressedGroups, 0, 'Bali-p1 already used its one group, so Aceh never forms');

  const sumQuery = queryOf({ metric: 'sum', measure: 'amountIdr', bounds: { maxGroupsPerPseudonym: 1, maxContributionsPerGroup: 2, clamp: [0, 100] } });
  const values = contributors('Bali', 5, 'v', 1_000_000);
  const s = computeRelease({ query: sumQuery, window, contributions: values, epsilon: EXACT, reservationId: 'r', releasedAt: 0, rng: seededRandom('c') });
  assert.deepEqual(s.groups, [{ key: ['Bali'], value: 500 }]);
});

test('noise has the calibrated scale: ε split between threshold and count, t = Δ/(ε/2)', () => {
  const r = computeRelease({ query: queryOf(), window, contributions: contributors('Bali', 50), epsilon: '0.1', reservationId: 'r', releasedAt: 0, rng: seededRandom('n') });
  assert.match(r.mechanism, /discrete-laplace\(Δ=1, ε=1\/20, t=20\)/);
  assert.equal(r.epsilonSpent, '0.1');
  // Empirical variance of released counts over 400 seeded runs vs the theoretical 2e^{-1/t}/(1-e^{-1/t})².
  const values: number[] = [];
  for (let i = 0; i < 400; i++) {
    const x = computeRelease({ query: queryOf({ k: 5 }), window, contributions: contributors('Bali', 500), epsilon: '0.1', reservationId: 'r', releasedAt: 0, rng: seededRandom(`v${i}`) });
    values.push((x.groups[0]?.value ?? 500) - 500);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  const expected = discreteLaplaceVariance(laplaceScaleFor(1, '0.05'));
  assert.ok(Math.abs(mean) < 5 * Math.sqrt(expected / values.length), `mean ${mean}`);
  assert.ok(variance > expected * 0.6 && variance < expected * 1.6, `variance ${variance} vs ${expected}`);
});

test('a release is deterministic given its random source, whatever the order of its contributions', () => {
  const contributions = [...contributors('Aceh', 7), ...contributors('Bali', 9), ...contributors('Jawa', 3)];
  const a = computeRelease({ query: queryOf(), window, contributions, epsilon: '0.5', reservationId: 'r', releasedAt: 1, rng: seededRandom('d') });
  const b = computeRelease({ query: queryOf(), window, contributions: [...contributions].reverse(), epsilon: '0.5', reservationId: 'r', releasedAt: 1, rng: seededRandom('d') });
  assert.deepEqual(a, b);
  assert.ok(a.groups.every((g) => g.key[0] !== 'Jawa'), 'a 3-contributor group never appears');
});

test('(ε, δ) queries use the discrete Gaussian', () => {
  const r = computeRelease({ query: queryOf({ delta: '1e-6' }), window, contributions: contributors('Bali', 30), epsilon: '1', reservationId: 'r', releasedAt: 0, rng: seededRandom('g') });
  assert.match(r.mechanism, /discrete-gaussian/);
  assert.equal(r.delta, '1e-6');
});
