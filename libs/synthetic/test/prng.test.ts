import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cyrb128, sfc32 } from '../src/prng.js';
import { createRng } from '../src/index.js';

test('equal seeds give equal streams; different seeds and forks differ', () => {
  const a = createRng(42);
  const b = createRng('42');
  const c = createRng(43);
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(Array.from({ length: 100 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 100 }, () => c.next()), xs);
  const f1 = createRng(42).fork('world');
  const f2 = createRng(42).fork('events');
  assert.notEqual(f1.next(), f2.next());
  assert.equal(createRng(42).fork('world').next(), createRng(42).fork('world').next());
});

test('cyrb128 and sfc32 match known answers from the reference JavaScript (bryc/code PRNGs.md)', () => {
  const seed = cyrb128('apples');
  assert.deepEqual(seed, [1353502818, 2189370424, 187770103, 4227467030]);
  const next = sfc32(seed);
  assert.deepEqual(
    Array.from({ length: 5 }, () => next() * 2 ** 32),
    [3475372976, 3807539056, 1053067541, 3819506593, 2718530802],
  );
});

test('outputs are uniform enough and helpers stay in range', () => {
  const rng = createRng('uniformity');
  const buckets = new Array<number>(10).fill(0);
  const n = 50_000;
  for (let i = 0; i < n; i++) {
    const x = rng.next();
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] ?? 0) + 1;
  }
  for (const count of buckets) assert.ok(Math.abs(count - n / 10) < n / 10 * 0.06, `bucket ${count}`);
  for (let i = 0; i < 1000; i++) {
    const v = rng.int(3, 7);
    assert.ok(Number.isInteger(v) && v >= 3 && v <= 7);
  }
  const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 4)));
  assert.deepEqual([...seen].sort(), [1, 2, 3, 4]);
  assert.match(rng.digits(12), /^\d{12}$/);
  const picks = Array.from({ length: 2000 }, () => rng.weighted([['a', 9], ['b', 1], ['c', 0]] as const));
  assert.ok(!picks.includes('c'));
  const share = picks.filter((p) => p === 'a').length / picks.length;
  assert.ok(share > 0.85 && share < 0.95, `share ${share}`);
  assert.throws(() => rng.pick([]), RangeError);
});
