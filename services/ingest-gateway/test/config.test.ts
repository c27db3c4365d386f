import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { loadGatewayConfig } from '../src/config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081', DATABASE_URL: 'postgres://u:secret-pw@h/db', REDIS_URL: 'redis://h:6379' };

test('defaults follow the design: 500 per batch, 1 MiB, 500/s with a burst of 1000, events.raw.v1', () => {
  const c = loadGatewayConfig(base);
  assert.equal(c.GATEWAY_MAX_BATCH, 500);
  assert.equal(c.GATEWAY_MAX_BODY_BYTES, 1_048_576);
  assert.equal(c.GATEWAY_RATE_PER_S, 500);
  assert.equal(c.GATEWAY_RATE_BURST, 1000);
  assert.equal(c.GATEWAY_TOPIC, 'events.raw.v1');
  assert.equal(c.GATEWAY_MIGRATE_ON_START, true);
});

test('one error names every bad variable, including cross-variable rules, and never echoes values', () => {
  assert.throws(
    () => loadGatewayConfig({ ...base, REDIS_URL: '', GATEWAY_MAX_BATCH: '0', GATEWAY_TLS_CERT_FILE: '/x.pem' }),
    (err: unknown) => err instanceof ConfigError && /REDIS_URL/.test(err.message) && /GATEWAY_MAX_BATCH/.test(err.message) && !/secret-pw/.test(err.message),
  );
  assert.throws(() => loadGatewayConfig({ ...base, GATEWAY_TLS_CERT_FILE: '/x.pem' }), /GATEWAY_TLS_KEY_FILE: set both or neither/);
  assert.throws(() => loadGatewayConfig({ ...base, GATEWAY_MAX_BATCH: '2000' }), /must not exceed GATEWAY_RATE_BURST/);
  assert.throws(() => loadGatewayConfig({ ...base, GATEWAY_TLS_CLIENT_CA_FILE: '/ca.pem' }), /mutual TLS needs/);
});
