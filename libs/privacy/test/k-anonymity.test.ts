import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { createLaplaceMechanism, MIN_K, suppressSmallGroups } from '../src/index.js';

const groups = [{ id: 'a', n: 4 }, { id: 'b', n: 5 }, { id: 'c', n: 12 }, { id: 'd', n: 0 }];

test('groups under k = 5 distinct contributors are suppressed and counted', () => {
  const { released, suppressed } = suppressSmallGroups(groups, { contributorsOf: (g) => g.n });
  assert.deepEqual(released.map((g) => g.id), ['b', 'c']);
  assert.equal(suppressed, 2);
  assert.equal(MIN_K, 5);
  assert.deepEqual(suppressSmallGroups(groups, { contributorsOf: (g) => BigInt(g.n), k: 10 }).released.map((g) => g.id), ['c']);
  assert.throws(() => suppressSmallGroups(groups, { contributorsOf: (g) => g.n, k: 4 }), ValidationError);
});

test('with a noisy threshold, a group of 4 never appears, however lucky the noise', () => {
  const { released } = suppressSmallGroups(groups, { contributorsOf: (g) => g.n, noisyContributors: (c) => c + 1000n });
  assert.deepEqual(released.map((g) => g.id), ['b', 'c']);
});

test('with a noisy threshold, a group of exactly k appears only sometimes (the boundary is randomised)', () => {
  const noise = createLaplaceMechanism({ sensitivity: 1, epsilon: '0.5' });
  let shown = 0;
  const runs = 2000;
  for (let i = 0; i < runs; i++) shown += suppressSmallGroups([{ n: 5 }], { contributorsOf: (g) => g.n, noisyContributors: (c) => noise.release(c) }).released.length;
  // P[5 + Lap_Z(2) ≥ 5] = P[noise ≥ 0] ≈ 0.62: P[all or none of 2000 shown] < 1e-300.
  assert.ok(shown > 0 && shown < runs, `shown ${shown} of ${runs}`);
});
