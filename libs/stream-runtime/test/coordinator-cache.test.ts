import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { installCoordinatorCache, keepsCoordinator } from '../src/coordinator-cache.js';

test('a coordinator request that failed keeps the cached coordinator only when the coordinator answered with a non-coordinator error', () => {
  const protocol = (type: string): Error => Object.assign(new kafkajs.KafkaJSProtocolError(`failed: ${type}`), { type });
  // The coordinator answered: it is the coordinator (a retry goes to it again).
  for (const type of ['CONCURRENT_TRANSACTIONS', 'REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'INVALID_PRODUCER_EPOCH', 'UNKNOWN_MEMBER_ID']) assert.equal(keepsCoordinator(protocol(type)), true, type);
  // Coordinator errors (codes 14, 15, 16): look it up again.
  for (const type of ['GROUP_LOAD_IN_PROGRESS', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP']) assert.equal(keepsCoordinator(protocol(type)), false, type);
  // No answer at all (connection lost, timeout, anything else): look it up again.
  assert.equal(keepsCoordinator(new kafkajs.KafkaJSConnectionError('Connection error: ECONNREFUSED')), false);
  assert.equal(keepsCoordinator(new kafkajs.KafkaJSRequestTimeoutError('Request TxnOffsetCommit timed out')), false);
  assert.equal(keepsCoordinator(new Error('socket hang up')), false);
  assert.equal(keepsCoordinator(undefined), false);
});

test('installing twice wraps kafkajs once', async () => {
  assert.equal(installCoordinatorCache(), true);
  assert.equal(installCoordinatorCache(), true);
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const cluster = (require('kafkajs/src/cluster/index.js') as { prototype: Record<string, unknown> }).prototype;
  const patched = cluster['findGroupCoordinatorMetadata'] as () => unknown;
  assert.equal(installCoordinatorCache(), true);
  assert.equal(cluster['findGroupCoordinatorMetadata'], patched, 'a second install does not wrap again');
});
