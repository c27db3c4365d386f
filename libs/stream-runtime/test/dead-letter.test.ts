import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeadLetter, buildDlqHeaders, DLQ_MESSAGE_MAX_CHARS, dlqTopicOf, sanitizeErrorMessage } from '../src/dead-letter.js';

const failure = { action: 'dead-letter' as const, code: 'BAD_WIRE_FORMAT', errorClass: 'DecodeError' };
const time = new Date('2025-01-02T03:04:05.678Z');

test('dlq headers name stage, error, source and time', () => {
  assert.deepEqual(buildDlqHeaders({ topic: 'events.raw.v1', partition: 3, offset: '42' }, { stage: 'classifier', failure, message: 'bad', time }), {
    'dlq.stage': 'classifier',
    'dlq.error.code': 'BAD_WIRE_FORMAT',
    'dlq.error.class': 'DecodeError',
    'dlq.error.message': 'bad',
    'dlq.source.topic': 'events.raw.v1',
    'dlq.source.partition': '3',
    'dlq.source.offset': '42',
    'dlq.time': '2025-01-02T03:04:05.678Z',
  });
});

test('a dead letter keeps the original key, value bytes and headers; old dlq headers are replaced', () => {
  const key = Buffer.from('child-1');
  const value = Buffer.from([0, 0, 0, 0, 7, 1, 2, 3]);
  const raw = { key, value, headers: { trace: Buffer.from('t1'), 'dlq.stage': 'older-stage' }, topic: 'in.v1', partition: 0, offset: '9', timestamp: 1 };
  const d = buildDeadLetter(raw, { stage: 's', failure, message: 'm', time });
  assert.equal(d.topic, 'in.v1.dlq');
  assert.equal(d.key, key);
  assert.equal(d.value, value);
  assert.deepEqual(d.headers.trace, Buffer.from('t1'));
  assert.equal(d.headers['dlq.stage'], 's');
  assert.equal(dlqTopicOf('x'), 'x.dlq');
});

test('error messages are truncated and never carry record content', () => {
  const long = sanitizeErrorMessage(new Error('x'.repeat(2000)));
  assert.equal(long.length, DLQ_MESSAGE_MAX_CHARS);
  const value = { fullName: 'Siti Rahma', nik: '3173010101010001', age: 7, nested: [{ note: 'lives at Jl. Merdeka 5' }] };
  const msg = sanitizeErrorMessage(new Error('cannot parse "Siti Rahma" (nik 3173010101010001) near lives at Jl. Merdeka 5 for key child-9'), ['child-9', value]);
  for (const secret of ['Siti Rahma', '3173010101010001', 'Merdeka', 'child-9']) assert.ok(!msg.includes(secret), `${secret} leaked: ${msg}`);
  assert.match(msg, /^cannot parse "\[redacted\]"/);
  assert.equal(sanitizeErrorMessage('plain string'), 'plain string');
});
