import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeilingMs, fullJitterDelayMs } from '../src/backoff.js';

const opts = { baseMs: 100, maxMs: 5000 };

test('ceiling doubles per attempt and is capped', () => {
  assert.deepEqual([0, 1, 2, 3, 5, 6, 100].map((a) => backoffCeilingMs(a, opts)), [100, 200, 400, 800, 3200, 5000, 5000]);
  assert.equal(backoffCeilingMs(1e9, opts), 5000);
});

test('full jitter stays within [0, ceiling] and covers the range', () => {
  for (const attempt of [0, 3, 10]) {
    const ceiling = backoffCeilingMs(attempt, opts);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 2000; i++) {
      const d = fullJitterDelayMs(attempt, opts);
      assert.ok(Number.isInteger(d) && d >= 0 && d <= ceiling, `${d} outside [0, ${ceiling}]`);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    // 2000 uniform draws: the extremes land within 2% of the bounds (failure odds ~1e-17).
    assert.ok(min <= ceiling * 0.02 && max >= ceiling * 0.98, `poor coverage ${min}..${max} of ${ceiling}`);
  }
});

test('the injected random source receives ceiling + 1 (inclusive upper bound)', () => {
  const seen: number[] = [];
  fullJitterDelayMs(2, opts, (n) => { seen.push(n); return n - 1; });
  assert.deepEqual(seen, [401]);
  assert.equal(fullJitterDelayMs(0, { baseMs: 0, maxMs: 0 }), 0);
});
