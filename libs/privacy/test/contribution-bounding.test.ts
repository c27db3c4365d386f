import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { boundContributions, boundedSensitivity, ceilSqrt, clamp } from '../src/index.js';

test('clamp for bigints and integers', () => {
  assert.equal(clamp(15n, 0n, 10n), 10n);
  assert.equal(clamp(-3n, 0n, 10n), 0n);
  assert.equal(clamp(4, 0, 10), 4);
  assert.throws(() => clamp(1, 5, 0), ValidationError);
});

test('per-pseudonym caps: at most L0 groups and L∞ records per group, first seen kept', () => {
  const records = [
    { p: 'a', g: 'x', i: 1 }, { p: 'a', g: 'x', i: 2 }, { p: 'a', g: 'x', i: 3 },
    { p: 'a', g: 'y', i: 4 }, { p: 'a', g: 'z', i: 5 }, { p: 'b', g: 'z', i: 6 },
    { p: 'a', g: 'y', i: 7 }, { p: 'a', g: 'y', i: 8 },
  ];
  const { kept, dropped } = boundContributions(records, { contributorOf: (r) => r.p, groupOf: (r) => r.g, maxGroupsPerContributor: 2, maxContributionsPerGroup: 2 });
  assert.deepEqual(kept.map((r) => r.i), [1, 2, 4, 6, 7]);
  assert.equal(dropped, 3);
  assert.throws(() => boundContributions([], { contributorOf: String, groupOf: String, maxGroupsPerContributor: 0, maxContributionsPerGroup: 1 }), ValidationError);
});

test('after bounding, one pseudonym changes a count histogram by at most its L1 sensitivity', () => {
  const bounds = { maxGroupsPerContributor: 3, maxContributionsPerGroup: 2 };
  const s = boundedSensitivity(bounds);
  assert.deepEqual(s, { l1: 6n, l2Squared: 12n, linf: 2n });
  // A pseudonym with 50 records over 10 groups: removing it changes the bounded histogram by ≤ L1.
  const many = Array.from({ length: 50 }, (_, i) => ({ p: 'heavy', g: `g${i % 10}` }));
  const others = Array.from({ length: 30 }, (_, i) => ({ p: `p${i}`, g: `g${i % 10}` }));
  const hist = (rs: { p: string; g: string }[]): Map<string, number> => {
    const h = new Map<string, number>();
    for (const r of boundContributions(rs, { ...bounds, contributorOf: (x) => x.p, groupOf: (x) => x.g }).kept) h.set(r.g, (h.get(r.g) ?? 0) + 1);
    return h;
  };
  const withHeavy = hist([...many, ...others]);
  const without = hist(others);
  let l1 = 0;
  for (const g of new Set([...withHeavy.keys(), ...without.keys()])) l1 += Math.abs((withHeavy.get(g) ?? 0) - (without.get(g) ?? 0));
  assert.ok(BigInt(l1) <= s.l1, `changed by ${l1}`);
});

test('sum sensitivity scales with the clamp range', () => {
  assert.deepEqual(boundedSensitivity({ maxGroupsPerContributor: 2, maxContributionsPerGroup: 1 }, [-5n, 100n]), { l1: 200n, l2Squared: 20000n, linf: 100n });
  assert.throws(() => boundedSensitivity({ maxGroupsPerContributor: 1, maxContributionsPerGroup: 1 }, [0n, 0n]), ValidationError);
  assert.equal(ceilSqrt(12n), 4n);
  assert.equal(ceilSqrt(16n), 4n);
  assert.equal(ceilSqrt(17n), 5n);
  assert.equal(ceilSqrt(1n), 1n);
});
