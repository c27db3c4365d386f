import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DecodeError, DependencyError, ValidationError } from '@cwp/errors';
import { classifyError } from '../src/classify-error.js';

function sysError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

test('decode, validation and unknown errors are dead-lettered with their code', () => {
  assert.deepEqual(classifyError(new DecodeError('BAD_WIRE_FORMAT', 'x')), { action: 'dead-letter', code: 'BAD_WIRE_FORMAT', errorClass: 'DecodeError' });
  assert.equal(classifyError(new ValidationError('SCHEMA_MISMATCH', 'x')).action, 'dead-letter');
  assert.equal(classifyError(new ConfigError('x')).action, 'dead-letter');
  assert.deepEqual(classifyError(new TypeError('boom')), { action: 'dead-letter', code: 'TRANSFORM_FAILED', errorClass: 'TypeError' });
  assert.equal(classifyError('a string').action, 'dead-letter');
  assert.equal(classifyError(null).errorClass, 'object');
});

test('dependency errors and transient client failures are retried, never dead-lettered', () => {
  assert.deepEqual(classifyError(new DependencyError('REGISTRY_UNAVAILABLE', 'x')), { action: 'retry', code: 'REGISTRY_UNAVAILABLE', errorClass: 'DependencyError' });
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN']) assert.equal(classifyError(sysError(code)).action, 'retry', code);
  // PostgreSQL: connection exception class 08, admin shutdown, serialization failure
  for (const code of ['08006', '57P01', '40001']) assert.equal(classifyError(Object.assign(new Error('pg'), { code })).action, 'retry', code);
  assert.equal(classifyError(Object.assign(new Error('pg'), { code: '23505' })).action, 'dead-letter');
  // ioredis
  assert.equal(classifyError(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })).action, 'retry');
  assert.equal(classifyError(new Error('Connection is closed.')).action, 'retry');
});

test('kafkajs errors: retriable flag or known transient names retry', () => {
  assert.deepEqual(classifyError(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' })), { action: 'retry', code: 'KafkaJSConnectionError', errorClass: 'KafkaJSConnectionError' });
  assert.equal(classifyError(Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', retriable: true, type: 'NOT_LEADER_FOR_PARTITION' })).code, 'KAFKA_NOT_LEADER_FOR_PARTITION');
  assert.equal(classifyError(Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', retriable: false, type: 'MESSAGE_TOO_LARGE' })).action, 'dead-letter');
});

test('a transient cause anywhere in the chain makes a wrapper retriable; a non-retriable PlatformError is final', () => {
  const wrapped = new Error('lookup failed', { cause: new Error('fetch failed', { cause: sysError('ECONNREFUSED') }) });
  assert.equal(classifyError(wrapped).action, 'retry');
  const decided = new ValidationError('BAD', 'rule broken', { cause: sysError('ECONNREFUSED') });
  assert.equal(classifyError(decided).action, 'dead-letter');
});
