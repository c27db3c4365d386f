import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependencyError, ValidationError } from '@cwp/errors';
import { createTestDriver } from '../src/test-driver.js';
import type { StageRecord } from '../src/types.js';

interface Ev { id: string; n: number }
const time = new Date('2025-05-05T00:00:00.000Z');

function transform(r: StageRecord<Ev>) {
  if (r.value.n < 0) throw new ValidationError('NEGATIVE', 'n must not be negative');
  if (r.value.n === 13) throw new DependencyError('LEDGER_UNAVAILABLE', 'ledger did not answer');
  if (r.value.n === 99) return [{ topic: 'undeclared.v1', key: r.key, value: r.value }];
  if (r.value.n === 0) return [];
  return [{ topic: 'out.v1', key: r.key, value: { ...r.value, n: r.value.n * 2 } }, { topic: 'audit.v1', key: null, value: r.value.id, subject: 'audit-subject' }];
}

test('outputs come back decoded with the default subject; records run in order with offsets', async () => {
  const seen: string[] = [];
  const driver = createTestDriver<Ev>((r) => { seen.push(`${r.partition}:${r.offset}:${r.key}`); return transform(r); }, { outputs: ['out.v1', 'audit.v1'], now: () => time });
  const r = await driver.pipe([{ key: 'k1', value: { id: 'a', n: 1 } }, { key: 'k2', value: { id: 'b', n: 0 } }, { key: 'k3', value: { id: 'c', n: 2 }, partition: 4 }]);
  assert.deepEqual(seen, ['0:0:k1', '0:1:k2', '4:2:k3']);
  assert.deepEqual(r.outputs.map((o) => [o.topic, o.key, o.subject]), [['out.v1', 'k1', 'out.v1-value'], ['audit.v1', null, 'audit-subject'], ['out.v1', 'k3', 'out.v1-value'], ['audit.v1', null, 'audit-subject']]);
  assert.deepEqual(r.outputs[0]?.value, { id: 'a', n: 2 });
  assert.equal(r.deadLetters.length + r.retries.length, 0);
});

test('a non-retriable failure is dead-lettered with the same headers as in production', async () => {
  const driver = createTestDriver<Ev>(transform, { stage: 'unit-stage', inputTopic: 'in.v1', outputs: ['out.v1', 'audit.v1'], now: () => time });
  const bytes = Buffer.from([0, 0, 0, 0, 1, 9]);
  const r = await driver.process({ key: 'k', value: { id: 'x', n: -1 }, bytes, offset: 17, headers: { h: 'v' } });
  assert.equal(r.outputs.length, 0);
  const d = r.deadLetters[0]!;
  assert.equal(d.topic, 'in.v1.dlq');
  assert.deepEqual(d.key, Buffer.from('k'));
  assert.equal(d.value, bytes);
  assert.equal(d.headers.h, 'v');
  assert.equal(d.headers['dlq.stage'], 'unit-stage');
  assert.equal(d.headers['dlq.error.code'], 'NEGATIVE');
  assert.equal(d.headers['dlq.error.class'], 'ValidationError');
  assert.equal(d.headers['dlq.source.offset'], '17');
  assert.equal(d.headers['dlq.time'], time.toISOString());
});

test('an output to an undeclared topic is a transform bug: dead-lettered', async () => {
  const driver = createTestDriver<Ev>(transform, { outputs: ['out.v1', 'audit.v1'] });
  const r = await driver.process({ value: { id: 'x', n: 99 } });
  assert.equal(r.deadLetters[0]?.headers['dlq.error.code'], 'UNDECLARED_OUTPUT');
});

test('a retriable failure is reported as a retry, never dead-lettered', async () => {
  const driver = createTestDriver<Ev>(transform);
  const r = await driver.process({ value: { id: 'x', n: 13 } });
  assert.deepEqual(r.retries, [{ action: 'retry', code: 'LEDGER_UNAVAILABLE', errorClass: 'DependencyError' }]);
  assert.equal(r.deadLetters.length, 0);
});

test('async transforms and thrown plain errors work the same way', async () => {
  const driver = createTestDriver<Ev>(async (r) => { await Promise.resolve(); throw new RangeError(`bad ${r.value.id}`); });
  const r = await driver.process({ key: 'secret-key', value: { id: 'child-secret', n: 1 } });
  assert.equal(r.deadLetters[0]?.headers['dlq.error.code'], 'TRANSFORM_FAILED');
  assert.equal(r.deadLetters[0]?.headers['dlq.error.message'], 'bad [redacted]');
});
