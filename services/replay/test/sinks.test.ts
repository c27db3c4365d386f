import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Producer, ProducerRecord } from 'kafkajs';
import { DependencyError, ValidationError } from '@cwp/errors';
import type { Serde } from '@cwp/registry';
import { ReplayError } from '../src/errors.js';
import { createCopySink, createTransformSink } from '../src/sinks.js';
import type { ReplayStage } from '../src/stages.js';

function fakeProducer(): Producer & { sent: ProducerRecord[] } {
  const sent: ProducerRecord[] = [];
  return { sent, send: (r: ProducerRecord) => { sent.push(r); return Promise.resolve([]); } } as unknown as Producer & { sent: ProducerRecord[] };
}
// Values are JSON "encoded" behind a one-byte frame: enough to see decode, encode and failures.
const serde = {
  decode: (b: Buffer) => { if (b[0] !== 0) throw new ValidationError('BAD_WIRE_FORMAT', 'no magic byte'); return Promise.resolve({ schemaId: 1, value: JSON.parse(b.subarray(1).toString()) as unknown }); },
  encode: (_s: string, v: unknown) => Promise.resolve(Buffer.concat([Buffer.from([0]), Buffer.from(JSON.stringify(v))])),
  latestId: () => Promise.resolve(1),
} as unknown as Serde;
const rec = (offset: string, value: Buffer) => ({ topic: 'events.raw.v1', partition: 1, offset, timestamp: 1, key: Buffer.from('k'), value, headers: { h: Buffer.from([1]) } });
const frame = (v: unknown) => Buffer.concat([Buffer.from([0]), Buffer.from(JSON.stringify(v))]);

test('a copy keeps partition, key, value and headers and adds replay.source', async () => {
  const producer = fakeProducer();
  await createCopySink(producer, 'sandbox.a').write([rec('7', Buffer.from([9, 9]))]);
  assert.deepEqual(producer.sent[0]?.messages[0], { partition: 1, key: Buffer.from('k'), value: Buffer.from([9, 9]), headers: { h: Buffer.from([1]), 'replay.source': 'events.raw.v1/1/7' } });
});

test('the transform sink encodes outputs to the sandbox and dead-letters bad records to <sandbox>.dlq', async () => {
  const producer = fakeProducer();
  const stage: ReplayStage = { name: 'passthrough', outputSchema: '{}', transform: (r) => [{ topic: 'sandbox.a', key: r.key, value: { n: (r.value as { n: number }).n + 1 } }] };
  const sink = createTransformSink({ producer, sandbox: 'sandbox.a', stage, serde });
  await sink.write([rec('1', frame({ n: 1 })), rec('2', Buffer.from('junk'))]);
  assert.deepEqual(sink.stats(), { outputs: 1, deadLetters: 1 });
  const out = producer.sent.find((s) => s.topic === 'sandbox.a')!;
  assert.deepEqual(out.messages[0]?.value, frame({ n: 2 }));
  const dlq = producer.sent.find((s) => s.topic === 'sandbox.a.dlq')!;
  assert.deepEqual(dlq.messages[0]?.value, Buffer.from('junk'));
  assert.equal(dlq.messages[0]?.headers?.['dlq.error.code'], 'BAD_WIRE_FORMAT');
  assert.equal(dlq.messages[0]?.headers?.['dlq.source.topic'], 'events.raw.v1');
});

test('a retriable failure is retried, then fails the replay instead of dropping the record', async () => {
  let calls = 0;
  const stage: ReplayStage = { name: 'classifier', outputSchema: '{}', transform: () => { calls++; throw new DependencyError('POSTGRES_UNAVAILABLE', 'down'); } };
  const sink = createTransformSink({ producer: fakeProducer(), sandbox: 'sandbox.a', stage, serde, maxAttempts: 3, sleep: () => Promise.resolve() });
  await assert.rejects(sink.write([rec('1', frame({ n: 1 }))]), (e: unknown) => e instanceof ReplayError && e.code === 'TRANSFORM_RETRIES_EXHAUSTED');
  assert.equal(calls, 3);
});
