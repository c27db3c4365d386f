import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../src/errors.js';
import { parseOffsetSpec, parsePartitions, planRanges, spanOf } from '../src/range.js';

const watermarks = [
  { partition: 0, low: 0n, high: 100n },
  { partition: 1, low: 10n, high: 50n },
  { partition: 2, low: 0n, high: 0n },
];
const none = { partitions: null, fromOffset: null, toOffset: null, fromTime: null, toTime: null };

test('offset specs: one offset for all partitions, or partition=offset pairs that win over it', () => {
  assert.deepEqual(parseOffsetSpec('12', '--from-offset'), { all: 12n, perPartition: new Map() });
  assert.deepEqual(parseOffsetSpec('5,1=7', '--from-offset'), { all: 5n, perPartition: new Map([[1, 7n]]) });
  assert.throws(() => parseOffsetSpec('x', '--from-offset'), UsageError);
  assert.throws(() => parseOffsetSpec('1=-3', '--from-offset'), UsageError);
  assert.throws(() => parseOffsetSpec('', '--to-offset'), UsageError);
  assert.deepEqual(parsePartitions('2, 0,2'), [0, 2]);
  assert.throws(() => parsePartitions('a'), UsageError);
});

test('default plan is every partition from its low to its high watermark', () => {
  assert.deepEqual(planRanges({ watermarks, ...none }), [
    { partition: 0, from: 0n, end: 100n }, { partition: 1, from: 10n, end: 50n }, { partition: 2, from: 0n, end: 0n },
  ]);
});

test('offset bounds are inclusive, clamped to the watermarks, per partition or for all', () => {
  const ranges = planRanges({ watermarks, ...none, partitions: [0, 1], fromOffset: parseOffsetSpec('5,1=0', 'f'), toOffset: parseOffsetSpec('9,1=500', 't') });
  assert.deepEqual(ranges, [{ partition: 0, from: 5n, end: 10n }, { partition: 1, from: 10n, end: 50n }]);
  assert.equal(spanOf(ranges), 45);
  // An inverted range is empty, never negative.
  assert.deepEqual(planRanges({ watermarks, ...none, partitions: [0], fromOffset: parseOffsetSpec('20', 'f'), toOffset: parseOffsetSpec('3', 't') }), [{ partition: 0, from: 20n, end: 20n }]);
});

test('time bounds: from-time offsets inclusive, to-time offsets exclusive', () => {
  const ranges = planRanges({ watermarks, ...none, partitions: [0], fromTime: new Map([[0, 30n]]), toTime: new Map([[0, 40n]]) });
  assert.deepEqual(ranges, [{ partition: 0, from: 30n, end: 40n }]);
});

test('unknown partitions are a usage error naming them', () => {
  assert.throws(() => planRanges({ watermarks, ...none, partitions: [0, 7] }), /partition\(s\) 7/);
  assert.throws(() => planRanges({ watermarks, ...none, partitions: [0], fromOffset: parseOffsetSpec('1=3', 'f') }), /partition\(s\) 1/);
});
