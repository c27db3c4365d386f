import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError } from '@cwp/errors';
import avro from 'avsc';
import { encodeFramed, readFrame, writeFrame, writerGapCheck } from '../src/index.js';

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

test('encodeFramed writes the frame and body in one pass: the same bytes as writeFrame(toBuffer), small and past the scratch size', () => {
  const type = avro.Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'id', type: 'string' }, { name: 'blob', type: 'bytes' }, { name: 'n', type: 'long' }] });
  for (const size of [0, 10, 1000, 1025, 20_000, 200_000]) {
    const value = { id: `r${size}`, blob: Buffer.alloc(size, 7), n: size };
    const framed = encodeFramed(42, type, value);
    assert.deepEqual(framed, writeFrame(42, type.toBuffer(value)), `size ${size}`);
    assert.deepEqual({ ...(type.fromBuffer(readFrame(framed).body) as object) }, value);
  }
  // A value the writer refuses throws; the next encoding is unaffected.
  assert.throws(() => encodeFramed(42, type, { id: 5, blob: Buffer.alloc(0), n: 1 }));
  assert.deepEqual(encodeFramed(1, type, { id: 'x', blob: Buffer.alloc(1), n: 2 }), writeFrame(1, type.toBuffer({ id: 'x', blob: Buffer.alloc(1), n: 2 })));
});

test('writerGapCheck catches what avsc\'s writer lets through: a primitive where an all-defaults record belongs, an inherited enum symbol', () => {
  const type = avro.Type.forSchema({
    type: 'record', name: 'Outer', fields: [
      { name: 'medical', type: { type: 'record', name: 'Profile', fields: [{ name: 'conditions', type: { type: 'array', items: 'string' }, default: [] }] } },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
      { name: 'more', type: { type: 'array', items: 'Profile' }, default: [] },
      { name: 'opt', type: ['null', 'Profile'], default: null },
      { name: 'either', type: ['null', 'string', 'Profile'], default: null },
      { name: 'two', type: ['null', 'Profile', { type: 'record', name: 'Other', fields: [{ name: 'z', type: 'string' }] }], default: null },
      { name: 'byKey', type: { type: 'map', values: 'Kind' }, default: {} },
    ],
  }, { wrapUnions: 'auto' });
  const check = writerGapCheck(type)!;
  const ok = { medical: { conditions: ['x'] }, kind: 'B', more: [{ conditions: [] }], opt: { conditions: [] }, either: { conditions: [] }, two: { Profile: { conditions: [] } }, byKey: { a: 'A' } };
  assert.equal(check(ok), true);
  assert.deepEqual(encodeFramed(3, type, ok), writeFrame(3, type.toBuffer(ok)));
  const gaps = [{ ...ok, medical: 'HIV positif' }, { ...ok, medical: 5 }, { ...ok, medical: [] }, { ...ok, kind: 'constructor' }, { ...ok, kind: '__proto__' },
    { ...ok, more: ['x'] }, { ...ok, two: { Profile: 'x' } }, { ...ok, byKey: { a: 'toString' } }];
  for (const bad of gaps) {
    // avsc's writer alone takes these: the check is what refuses them.
    assert.doesNotThrow(() => type.toBuffer(bad), JSON.stringify(bad));
    assert.equal(check(bad), false, JSON.stringify(bad));
  }
  assert.equal(writerGapCheck(avro.Type.forSchema({ type: 'record', name: 'Plain', fields: [{ name: 'a', type: 'string' }] })), null, 'nothing to check');
});
