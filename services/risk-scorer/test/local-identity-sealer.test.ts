import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createLocalIdentitySealer, openLocalIdentityEnvelope } from '../src/index.js';

test('AES-256-GCM envelopes open with the key and the alert id only; nonces never repeat', async () => {
  const key = randomBytes(32);
  const sealer = createLocalIdentitySealer(key);
  const env = await sealer.seal('CHD-000042', 'csa-1');
  assert.match(env, /^cwp-ie\.v1\.aes256gcm\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
  assert.ok(!env.includes('CHD-000042'));
  assert.equal(openLocalIdentityEnvelope(env, 'csa-1', key), 'CHD-000042');
  assert.throws(() => openLocalIdentityEnvelope(env, 'csa-2', key), 'bound to its alert (AAD)');
  assert.throws(() => openLocalIdentityEnvelope(env, 'csa-1', randomBytes(32)));
  const tampered = env.slice(0, -3) + (env.endsWith('A') ? 'BBB' : 'AAA');
  assert.throws(() => openLocalIdentityEnvelope(tampered, 'csa-1', key));
  const nonces = new Set<string>();
  for (let i = 0; i < 2000; i++) nonces.add((await sealer.seal('x', 'a')).split('.')[3] ?? '');
  assert.equal(nonces.size, 2000);
  assert.throws(() => createLocalIdentitySealer(randomBytes(16)), RangeError);
});
