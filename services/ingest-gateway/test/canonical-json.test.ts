import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalHash, canonicalJson } from '../src/canonical-json.js';

test('key order does not matter at any depth; values and array order do', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } }), '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
  assert.equal(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }));
  assert.notEqual(canonicalHash({ a: [1, 2] }), canonicalHash({ a: [2, 1] }));
  assert.notEqual(canonicalHash({ a: '1' }), canonicalHash({ a: 1 }));
  assert.match(canonicalHash({}), /^[0-9a-f]{64}$/);
});
