import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNdjsonLine, toNdjsonLine } from '../src/ndjson.js';
import { createProgress, formatProgress } from '../src/progress.js';
import { createTokenBucket } from '../src/token-bucket.js';

test('NDJSON lines round-trip every byte: binary key/value, null value, repeated and string headers', () => {
  const record = {
    topic: 'events.raw.v1', partition: 2, offset: '9007199254740993', timestamp: 1764057600123,
    key: Buffer.from([0, 255, 10, 13]), value: Buffer.from([0, 0, 0, 0, 7, 1, 2, 0xfe]),
    headers: { a: Buffer.from([1, 2]), b: [Buffer.from('x'), Buffer.from('y')], c: 'text' },
  };
  const line = toNdjsonLine(record);
  assert.ok(!line.includes('\n'));
  const back = parseNdjsonLine(line);
  assert.deepEqual(back.key, record.key);
  assert.deepEqual(back.value, record.value);
  assert.equal(back.offset, record.offset);
  assert.equal(back.timestamp, record.timestamp);
  assert.deepEqual(back.headers, { a: Buffer.from([1, 2]), b: [Buffer.from('x'), Buffer.from('y')], c: Buffer.from('text') });
  const tombstone = parseNdjsonLine(toNdjsonLine({ ...record, key: null, value: null, headers: {} }));
  assert.equal(tombstone.key, null);
  assert.equal(tombstone.value, null);
});

test('the token bucket lets a burst through, then paces to the rate', async () => {
  let now = 0;
  const slept: number[] = [];
  const bucket = createTokenBucket({ ratePerSecond: 10, burst: 5, now: () => now, sleep: (ms) => { slept.push(ms); now += ms; return Promise.resolve(); } });
  await bucket.take(5);
  assert.equal(now, 0, 'the burst is free');
  await bucket.take(10);
  assert.ok(Math.abs(now - 1000) <= 10, `10 more records at 10/s take ~1 s, took ${now} ms`);
  assert.throws(() => createTokenBucket({ ratePerSecond: 0 }), RangeError);
});

test('progress says records/total and the rate, throttled off a terminal', () => {
  assert.equal(formatProgress('replay t', 50, 200, 2000), 'replay t: 50/200 records (25%), 25 records/s');
  let now = 0;
  const lines: string[] = [];
  const p = createProgress({ label: 'r', total: 10, write: (t) => lines.push(t), everyMs: 1000, now: () => now });
  p.add(3);
  now = 1500;
  p.add(3);
  p.done();
  assert.deepEqual(lines, ['r: 6/10 records (60%), 4 records/s\n', 'r: 6/10 records (60%), 4 records/s\n']);
});
