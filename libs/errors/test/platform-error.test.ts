import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError, DependencyError, PlatformError, isRetriable } from '../src/index.js';

test('dependency errors are retriable, decode errors are not', () => {
  const dep = new DependencyError('REDIS_UNAVAILABLE', 'Redis did not answer');
  const dec = new DecodeError('UNKNOWN_SCHEMA_ID', 'schema id 99 is not registered');
  assert.equal(isRetriable(dep), true);
  assert.equal(isRetriable(dec), false);
  assert.equal(isRetriable(new Error('plain')), false);
});

test('errors keep code, name and cause', () => {
  const cause = new Error('socket hang up');
  const err = new DependencyError('REGISTRY_UNAVAILABLE', 'registry down', { cause });
  assert.ok(err instanceof PlatformError);
  assert.equal(err.name, 'DependencyError');
  assert.equal(err.code, 'REGISTRY_UNAVAILABLE');
  assert.equal(err.cause, cause);
});
