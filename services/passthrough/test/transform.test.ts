import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDriver } from '@cwp/stream-runtime';
import { createPassthrough } from '../src/transform.js';

test('passthrough forwards key, value and headers unchanged to the output topic', async () => {
  const driver = createTestDriver(createPassthrough('out.v1', 'in.v1-value'), { outputs: ['out.v1'] });
  const value = { eventId: 'e-1', nested: { n: 1 } };
  const r = await driver.process({ key: 'child-1', value, headers: { h: 'x' } });
  assert.deepEqual(r.outputs, [{ topic: 'out.v1', key: 'child-1', value, headers: { h: 'x' }, subject: 'in.v1-value' }]);
  assert.equal(r.deadLetters.length, 0);
});

test('passthrough keeps a null key', async () => {
  const driver = createTestDriver(createPassthrough('out.v1', 's'));
  const r = await driver.process({ key: null, value: 1 });
  assert.equal(r.outputs[0]?.key, null);
});
