import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapKeyedConcurrently } from '../src/keyed-concurrency.js';

interface Item { readonly key: string | null; readonly n: number }

const items: Item[] = Array.from({ length: 60 }, (_, n) => ({ key: n % 7 === 0 ? null : `k${n % 5}`, n }));

/** Runs the items with random delays, recording start/end order per key and the peak concurrency. */
async function run(limit: number, stopAt = -1) {
  const log: { key: string | null; n: number; phase: 'start' | 'end' }[] = [];
  let inFlight = 0;
  let peak = 0;
  const results = await mapKeyedConcurrently(items, (it) => it.key, limit, async (it) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    log.push({ key: it.key, n: it.n, phase: 'start' });
    await sleep(randomInt(4));
    log.push({ key: it.key, n: it.n, phase: 'end' });
    inFlight -= 1;
    return it.n * 10;
  }, (r) => r === stopAt * 10);
  return { results, log, peak };
}

test('results are in input order, each key runs in order and never overlaps itself', async () => {
  const { results, log, peak } = await run(8);
  assert.deepEqual(results, items.map((it) => it.n * 10));
  assert.ok(peak > 1 && peak <= 6, `peak concurrency ${peak}: more than one, at most one per key (5 keys + null)`);
  for (const key of new Set(items.map((it) => it.key))) {
    const own = log.filter((e) => e.key === key);
    // Strictly alternating start/end in ascending n: one at a time, in offset order.
    own.forEach((e, i) => assert.equal(e.phase, i % 2 === 0 ? 'start' : 'end', `key ${key} overlapped itself`));
    const starts = own.filter((e) => e.phase === 'start').map((e) => e.n);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), `key ${key} out of order`);
  }
});

test('limit 1 is the plain sequential loop, and the limit bounds concurrency', async () => {
  const one = await run(1);
  assert.equal(one.peak, 1);
  assert.deepEqual(one.log.filter((e) => e.phase === 'start').map((e) => e.n), items.map((it) => it.n));
  const two = await run(2);
  assert.equal(two.peak, 2);
});

test('after a stop result nothing new starts; the unstarted have no result', async () => {
  for (const limit of [1, 4]) {
    const { results, log } = await run(limit, 3);
    const stopEnd = log.findIndex((e) => e.n === 3 && e.phase === 'end');
    assert.ok(stopEnd >= 0);
    assert.ok(log.slice(stopEnd).every((e) => e.phase === 'end'), 'no start after the stop result');
    assert.equal(results[3], 30);
    assert.ok(results.some((r) => r === undefined), 'later items were not run');
  }
});

test('a throw stops new work and is rethrown after the calls in flight settle', async () => {
  let settled = 0;
  await assert.rejects(mapKeyedConcurrently(items, (it) => it.key, 4, async (it) => {
    await sleep(1);
    if (it.n === 2) throw new Error('boom');
    settled += 1;
    return it.n;
  }), /boom/);
  const after = settled;
  await sleep(20);
  assert.equal(settled, after, 'nothing still running after the rejection');
});
