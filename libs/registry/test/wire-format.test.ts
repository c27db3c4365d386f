import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError } from '@cwp/errors';
import { readFrame, writeFrame } from '../src/index.js';

test('frame round-trips schema id and body', () => {
  const framed = writeFrame(0x01020304, Buffer.from([7, 8, 9]));
  assert.deepEqual([...framed], [0, 1, 2, 3, 4, 7, 8, 9]);
  const { schemaId, body } = readFrame(framed);
  assert.equal(schemaId, 0x01020304);
  assert.deepEqual([...body], [7, 8, 9]);
});

test('short or unframed bytes are a DecodeError naming the problem', () => {
  assert.throws(() => readFrame(Buffer.from([0, 1])), (e: unknown) => e instanceof DecodeError && e.code === 'BAD_WIRE_FORMAT' && /shorter/.test(e.message));
  assert.throws(() => readFrame(Buffer.from('{"json":true}')), (e: unknown) => e instanceof DecodeError && /magic byte/.test(e.message));
});
