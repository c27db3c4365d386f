import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLruCache } from '../src/index.js';

test('evicts the least recently used entry beyond maxEntries', () => {
  const evicted: number[] = [];
  const c = createLruCache<number>({ maxEntries: 2, ttlMs: 1000, onEvict: (v) => evicted.push(v) });
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1); // a is now the most recent
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  assert.equal(c.get('c'), 3);
  assert.deepEqual(evicted, [2]);
  assert.equal(c.size, 2);
});

test('entries expire after ttlMs', () => {
  let now = 0;
  const c = createLruCache<string>({ maxEntries: 10, ttlMs: 100, now: () => now });
  c.set('k', 'v');
  now = 99;
  assert.equal(c.get('k'), 'v');
  now = 100;
  assert.equal(c.get('k'), undefined);
  assert.equal(c.size, 0);
  assert.deepEqual(c.stats(), { hits: 1, misses: 1 });
});

test('deleteWhere drops matching entries; maxEntries 0 caches nothing', () => {
  const c = createLruCache<{ s: string }>({ maxEntries: 10, ttlMs: 1000 });
  c.set('1', { s: 'x' });
  c.set('2', { s: 'y' });
  c.set('3', { s: 'x' });
  assert.equal(c.deleteWhere((v) => v.s === 'x'), 2);
  assert.equal(c.size, 1);
  const off = createLruCache<number>({ maxEntries: 0, ttlMs: 1000 });
  off.set('a', 1);
  assert.equal(off.get('a'), undefined);
});
