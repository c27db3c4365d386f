import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { kafkaClientAuth, kafkaSecurityOf } from '../src/kafka-client.js';

test('no SASL mechanism: no credentials, TLS as configured', () => {
  assert.deepEqual(kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'none', KAFKA_SSL: false }), { sasl: null, ssl: false });
  assert.deepEqual(kafkaClientAuth(kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'none', KAFKA_SSL: true })), { ssl: true });
});

test('SCRAM needs a user and a password; the error names what is missing and never a value', () => {
  assert.throws(() => kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SSL: false }), (err: unknown) =>
    err instanceof ConfigError && /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are not set/.test(err.message));
  assert.throws(() => kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'classifier', KAFKA_SSL: false }), (err: unknown) =>
    err instanceof ConfigError && /KAFKA_SASL_PASSWORD is not set/.test(err.message) && !err.message.includes('classifier'));
});

test('SCRAM credentials become the kafkajs sasl option of that mechanism', () => {
  const security = kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'encryptor', KAFKA_SASL_PASSWORD: 'p4ss', KAFKA_SSL: true });
  assert.deepEqual(kafkaClientAuth(security), { sasl: { mechanism: 'scram-sha-512', username: 'encryptor', password: 'p4ss' }, ssl: true });
});
