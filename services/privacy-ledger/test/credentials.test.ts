import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { hashToken, issueToken, loadCredentials, parseCredentials } from '../src/credentials.js';

const agg = issueToken();
const adm = issueToken();
const store = parseCredentials({ credentials: [{ name: 'aggregator', role: 'aggregator', tokenSha256: agg.tokenSha256 }, { name: 'ops', role: 'admin', tokenSha256: adm.tokenSha256 }] });

test('tokens are 256-bit and only their SHA-256 is configured', () => {
  assert.match(agg.token, /^lt_[A-Za-z0-9_-]{43}$/);
  assert.equal(agg.tokenSha256, hashToken(agg.token));
  assert.notEqual(agg.token, adm.token);
});

test('authenticates by hash and names the role; failures carry only a reason code', () => {
  assert.deepEqual(store.authenticate(`Bearer ${agg.token}`), { ok: true, caller: { name: 'aggregator', role: 'aggregator' } });
  assert.deepEqual(store.authenticate(`Bearer ${adm.token}`), { ok: true, caller: { name: 'ops', role: 'admin' } });
  assert.deepEqual(store.authenticate(undefined), { ok: false, code: 'AUTH_MISSING' });
  assert.deepEqual(store.authenticate('Basic abc'), { ok: false, code: 'AUTH_MALFORMED' });
  assert.deepEqual(store.authenticate('Bearer short'), { ok: false, code: 'AUTH_MALFORMED' });
  assert.deepEqual(store.authenticate(`Bearer ${agg.token}x`), { ok: false, code: 'AUTH_INVALID' });
  assert.deepEqual(store.authenticate(`Bearer ${agg.tokenSha256}`), { ok: false, code: 'AUTH_INVALID' }, 'the hash is not a token');
});

test('credential files are validated: hashes only, known roles, no duplicates', () => {
  assert.throws(() => parseCredentials({ credentials: [{ name: 'x', role: 'aggregator', tokenSha256: agg.token }] }), /SHA-256/);
  assert.throws(() => parseCredentials({ credentials: [{ name: 'x', role: 'root', tokenSha256: agg.tokenSha256 }] }), ConfigError);
  assert.throws(() => parseCredentials({ credentials: [] }), /at least one/);
  assert.throws(() => parseCredentials({ credentials: [{ name: 'a', role: 'admin', tokenSha256: agg.tokenSha256 }, { name: 'b', role: 'admin', tokenSha256: agg.tokenSha256 }] }), /share/);
  assert.throws(() => loadCredentials({}), /LEDGER_CREDENTIALS_FILE/);
  assert.throws(() => loadCredentials({ json: '{not json' }), (err: unknown) => err instanceof ConfigError && !err.message.includes('{not json'));
  assert.equal(loadCredentials({ json: JSON.stringify({ credentials: [{ name: 'a', role: 'admin', tokenSha256: agg.tokenSha256 }] }) }).size, 1);
});
