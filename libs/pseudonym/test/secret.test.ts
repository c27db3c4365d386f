import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cwp/errors';
import { loadPseudonymSecret } from '../src/index.js';

test('the secret is read from PSEUDONYM_SECRET or PSEUDONYM_SECRET_FILE, base64, ≥ 32 bytes', () => {
  const secret = randomBytes(32);
  assert.deepEqual(Buffer.from(loadPseudonymSecret({ PSEUDONYM_SECRET: secret.toString('base64') })), secret);
  const file = join(mkdtempSync(join(tmpdir(), 'pseudonym-')), 'secret');
  writeFileSync(file, `${secret.toString('base64')}\n`);
  assert.deepEqual(Buffer.from(loadPseudonymSecret({ PSEUDONYM_SECRET_FILE: file })), secret);
});

test('a missing, short, non-base64 or doubly-set secret is a ConfigError that never echoes the value', () => {
  const short = randomBytes(16).toString('base64');
  for (const env of [{}, { PSEUDONYM_SECRET: short }, { PSEUDONYM_SECRET: 'not base64 at all!' }, { PSEUDONYM_SECRET: short, PSEUDONYM_SECRET_FILE: '/x' }, { PSEUDONYM_SECRET_FILE: '/nonexistent/secret' }]) {
    assert.throws(() => loadPseudonymSecret(env), (err: unknown) => err instanceof ConfigError && !err.message.includes(short));
  }
});
