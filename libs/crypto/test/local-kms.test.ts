import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cwp/errors';
import { CryptoError, createLocalKeyring, createLocalKms } from '../src/index.js';

test('wraps and unwraps; a blob presented under another version or ring fails', async () => {
  const kms = createLocalKms({ json: createLocalKeyring('ring-a') });
  const dek = Buffer.alloc(32, 7);
  const w = await kms.wrap(dek);
  assert.equal(w.kekId, 'local:ring-a');
  assert.equal(w.kekVersion, 1);
  assert.deepEqual(await kms.unwrap(w), dek);
  assert.ok(!w.blob.includes(dek));
  await assert.rejects(kms.unwrap({ ...w, kekVersion: 2 }), CryptoError);
  const tampered = Buffer.from(w.blob);
  tampered[20]! ^= 1;
  await assert.rejects(kms.unwrap({ ...w, blob: tampered }), CryptoError);
  const other = createLocalKms({ json: createLocalKeyring('ring-a') });
  await assert.rejects(other.unwrap(w), CryptoError, 'same name, different key material');
});

test('rotation with a keyring file: new wraps use the new version, old blobs unwrap and rewrap', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-kms-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'keyring.json');
  writeFileSync(file, createLocalKeyring(), { mode: 0o600 });
  const kms = createLocalKms({ file });
  const old = await kms.wrap(Buffer.alloc(32, 1));
  assert.equal(await kms.rotate(), 2);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const fresh = await kms.wrap(Buffer.alloc(32, 2));
  assert.equal(fresh.kekVersion, 2);
  const moved = await kms.rewrap(old);
  assert.equal(moved.kekVersion, 2);
  assert.deepEqual(await kms.unwrap(moved), Buffer.alloc(32, 1));
  // A second process that loaded the file before the rotation picks the new version up on demand.
  const stale = createLocalKms({ file });
  await kms.rotate();
  assert.deepEqual(await stale.unwrap(await kms.wrap(Buffer.alloc(32, 3))), Buffer.alloc(32, 3));
});

test('an env keyring cannot rotate; bad keyrings are ConfigErrors that do not echo the key', async () => {
  await assert.rejects(createLocalKms({ json: createLocalKeyring() }).rotate(), ConfigError);
  const secret = Buffer.alloc(31, 9).toString('base64');
  assert.throws(() => createLocalKms({ json: JSON.stringify({ name: 'x', latest: 1, keys: { 1: secret } }) }), (e: unknown) => e instanceof ConfigError && !e.message.includes(secret));
  assert.throws(() => createLocalKms({ json: 'nope' }), ConfigError);
});
