import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import { loadStageConfig } from '../src/stage-config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7' };

test('defaults: exactly-once, 10 s shutdown, from beginning', () => {
  const cfg = loadStageConfig({ OUTPUT_TOPIC: z.string().default('out') }, base);
  assert.equal(cfg.DELIVERY_MODE, 'exactly-once');
  assert.equal(cfg.SHUTDOWN_TIMEOUT_MS, 10_000);
  assert.equal(cfg.FROM_BEGINNING, true);
  assert.equal(cfg.OUTPUT_TOPIC, 'out');
  assert.equal(cfg.TRANSACTIONAL_ID_PREFIX, undefined);
  assert.ok(Object.isFrozen(cfg));
});

test('one ConfigError names every bad variable, runtime and service ones alike', () => {
  assert.throws(
    () => loadStageConfig({ GROUP_ID: z.string().min(1).describe('consumer group') }, {
      KAFKA_BROKERS: 'not a broker', DELIVERY_MODE: 'maybe-once', SESSION_TIMEOUT_MS: '100', RETRY_BASE_MS: '-5', GROUP_ID: '',
    }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      for (const name of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DELIVERY_MODE', 'SESSION_TIMEOUT_MS', 'RETRY_BASE_MS', 'GROUP_ID']) assert.match(err.message, new RegExp(`\\b${name}:`));
      assert.doesNotMatch(err.message, /maybe-once|not a broker/);
      return true;
    },
  );
});
