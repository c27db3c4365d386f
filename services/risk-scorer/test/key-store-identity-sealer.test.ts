import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CryptoError, KeyUnavailableError, SHREDDED_ALERT_IDENTITY, openAlertIdentity } from '@cwp/crypto';
import { DependencyError, PlatformError } from '@cwp/errors';
import { createKeyStoreIdentitySealer } from '../src/index.js';
import { createMemoryKeys } from './memory-keys.js';

test('seals under the child\'s own DEK, bound to the alert id; no plaintext; fresh nonce each time', async () => {
  const keys = createMemoryKeys();
  const sealer = createKeyStoreIdentitySealer({ keys });
  const env = await sealer.seal('CHD-000042', 'csa-1');
  assert.match(env, /^cwp-alert-identity-v1\.sealed\.[A-Za-z0-9_-]+$/);
  assert.ok(!env.includes('CHD-000042') && !Buffer.from(env.split('.').pop()!, 'base64url').toString('latin1').includes('CHD-000042'));
  assert.deepEqual(keys.calls, ['CHD-000042'], 'the DEK asked for is the child\'s');
  assert.equal(await openAlertIdentity(env, 'csa-1', keys), 'CHD-000042');
  await assert.rejects(openAlertIdentity(env, 'csa-2', keys), (e: unknown) => e instanceof CryptoError && e.code === 'DECRYPT_FAILED', 'moved to another alert');
  assert.notEqual(await sealer.seal('CHD-000042', 'csa-1'), env);
  // Another child's envelope names another key.
  const other = await sealer.seal('CHD-000043', 'csa-1');
  assert.notEqual(other.slice(0, 40), env.slice(0, 40));
});

test('a shredded child still gets an alert: the fixed SHREDDED marker, never plaintext, and opening it says KEY_SHREDDED', async () => {
  const keys = createMemoryKeys();
  const sealer = createKeyStoreIdentitySealer({ keys });
  const before = await sealer.seal('CHD-7', 'csa-9');
  keys.shred('CHD-7');
  await assert.rejects(openAlertIdentity(before, 'csa-9', keys), (e: unknown) => e instanceof KeyUnavailableError && e.code === 'KEY_SHREDDED');
  const after = await sealer.seal('CHD-7', 'csa-10');
  assert.equal(after, SHREDDED_ALERT_IDENTITY);
  await assert.rejects(openAlertIdentity(after, 'csa-10', keys), (e: unknown) => e instanceof KeyUnavailableError && e.code === 'KEY_SHREDDED');
});

test('key store failures are retriable (the batch waits, no alert is dead-lettered), and name no child', async () => {
  const outage = new DependencyError('POSTGRES_UNAVAILABLE', 'PostgreSQL is unavailable (ECONNREFUSED)');
  const down = createKeyStoreIdentitySealer({ keys: { currentDek: () => Promise.reject(outage) } });
  await assert.rejects(down.seal('CHD-1', 'csa-1'), (e: unknown) => e === outage);
  const broken = createKeyStoreIdentitySealer({ keys: { currentDek: () => Promise.reject(new CryptoError('DEK_BINDING_MISMATCH', 'wrapped DEK does not belong to key k1_x version 1')) } });
  await assert.rejects(broken.seal('CHD-1', 'csa-1'), (e: unknown) => e instanceof DependencyError && e.retriable && e.code === 'IDENTITY_KEY_UNAVAILABLE' && !e.message.includes('CHD-1'));
  const weird = createKeyStoreIdentitySealer({ keys: { currentDek: () => Promise.reject(new Error('relation "keys.subjects" does not exist')) } });
  await assert.rejects(weird.seal('CHD-1', 'csa-1'), (e: unknown) => e instanceof PlatformError && e.retriable);
});
