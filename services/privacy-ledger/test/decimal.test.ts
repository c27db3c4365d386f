import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDecimal, fromNumeric, isZero, toDecimal } from '../src/decimal.js';

test('decimals are validated and normalised as text, numbers via their shortest decimal form', () => {
  assert.equal(toDecimal('0.10'), '0.1');
  assert.equal(toDecimal('007.500'), '7.5');
  assert.equal(toDecimal(0.1), '0.1');
  assert.equal(toDecimal(1e-7), '0.0000001');
  assert.equal(toDecimal('2.5e3'), '2500');
  assert.equal(toDecimal(2), '2');
  assert.equal(toDecimal('0'), '0');
  for (const bad of ['-1', 'abc', '1.2.3', '', '0.1234567890123', '1234567890123', Number.NaN, Number.POSITIVE_INFINITY, -0.5]) assert.equal(toDecimal(bad), null, String(bad));
  assert.equal(fromNumeric('0.100000000000'), '0.1');
  assert.equal(isZero('0'), true);
  assert.equal(isZero('0.000'), true);
  assert.equal(isZero('0.001'), false);
});

test('exact comparison, never through doubles', () => {
  assert.equal(compareDecimal('0.3', '0.30'), 0);
  assert.equal(compareDecimal('0.1', '0.25'), -1);
  assert.equal(compareDecimal('10', '9.999999999999'), 1);
  // 0.1 + 0.2 > 0.3 in doubles; here 0.3 is 0.3.
  assert.equal(compareDecimal('0.3', toDecimal(0.3)!), 0);
});
