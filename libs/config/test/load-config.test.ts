import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import { commonEnv, loadConfig } from '../src/index.js';

test('valid environment parses, applies defaults and is frozen', () => {
  const cfg = loadConfig(commonEnv, { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7' });
  assert.deepEqual(cfg.KAFKA_BROKERS, ['127.0.0.1:9092', '127.0.0.1:9093']);
  assert.equal(cfg.LOG_LEVEL, 'info');
  assert.equal(cfg.METRICS_PORT, 9464);
  assert.ok(Object.isFrozen(cfg));
});

test('one error names every bad variable and never echoes a value', () => {
  const shape = { ...commonEnv, DB_PASSWORD: z.string().min(12).describe('database password') };
  try {
    loadConfig(shape, { KAFKA_BROKERS: 'nonsense', METRICS_PORT: '99999', DB_PASSWORD: 'hunter2' });
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    for (const name of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'METRICS_PORT', 'DB_PASSWORD']) assert.match(err.message, new RegExp(`\\b${name}:`));
    assert.doesNotMatch(err.message, /hunter2/);
    assert.match(err.message, /4 variable\(s\)/);
  }
});
