import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Credentials } from '../../src/auth/authenticator.js';
import { createAuthenticator } from '../../src/auth/authenticator.js';
import { hashSecret, issueCredential } from '../../src/auth/credentials.js';
import type { SourceRow, SourceStore } from '../../src/auth/source-store.js';

// An in-memory SourceStore (the port), so the decision logic is tested without PostgreSQL; the
// integration tests run the same paths against the real table.
function storeOf(rows: SourceRow[]): SourceStore {
  const unsupported = (): never => { throw new Error('not used'); };
  return {
    findByKeyId: (k) => Promise.resolve(rows.find((r) => r.keyId === k) ?? null),
    findByCertFingerprint: (f) => Promise.resolve(rows.find((r) => r.clientCertSha256 === f) ?? null),
    create: unsupported, rotate: unsupported, revoke: unsupported, bindCertificate: unsupported, list: unsupported,
  };
}

function row(over: Partial<SourceRow> & Pick<SourceRow, 'keyId' | 'secretSha256'>): SourceRow {
  return { sourceSystem: 'registri-anak', status: 'active', previousSecretSha256: null, previousValidUntil: null, clientCertSha256: null, createdAt: new Date(0), rotatedAt: null, revokedAt: null, ...over };
}

const bearer = (token: string): Credentials => ({ authorization: `Bearer ${token}`, peerCertSha256: null, peerCertAuthorized: false });
const NOW = Date.UTC(2025, 5, 1);

test('bearer: valid, wrong secret, unknown key id, missing, malformed, revoked', async () => {
  const good = issueCredential();
  const revoked = issueCredential();
  const auth = createAuthenticator(storeOf([row({ keyId: good.keyId, secretSha256: good.secretSha256 }), row({ keyId: revoked.keyId, secretSha256: revoked.secretSha256, status: 'revoked' })]), () => NOW);
  assert.deepEqual(await auth(bearer(good.token)), { ok: true, source: { keyId: good.keyId, sourceSystem: 'registri-anak', method: 'bearer' } });
  assert.deepEqual(await auth(bearer(`${good.keyId}.${issueCredential().secret}`)), { ok: false, code: 'AUTH_INVALID' });
  assert.deepEqual(await auth(bearer(issueCredential().token)), { ok: false, code: 'AUTH_INVALID' });
  assert.deepEqual(await auth({ authorization: undefined, peerCertSha256: null, peerCertAuthorized: false }), { ok: false, code: 'AUTH_MISSING' });
  assert.deepEqual(await auth({ authorization: 'Bearer nope', peerCertSha256: null, peerCertAuthorized: false }), { ok: false, code: 'AUTH_MALFORMED' });
  assert.deepEqual(await auth(bearer(revoked.token)), { ok: false, code: 'SOURCE_REVOKED' });
  // Without the secret nobody learns that a key id is revoked.
  assert.deepEqual(await auth(bearer(`${revoked.keyId}.${issueCredential().secret}`)), { ok: false, code: 'AUTH_INVALID' });
});

test('rotation: the previous secret works until previous_valid_until, then not', async () => {
  const old = issueCredential();
  const fresh = issueCredential(old.keyId);
  const rows = [row({ keyId: old.keyId, secretSha256: fresh.secretSha256, previousSecretSha256: hashSecret(old.secret), previousValidUntil: new Date(NOW + 1000) })];
  let now = NOW;
  const auth = createAuthenticator(storeOf(rows), () => now);
  assert.equal((await auth(bearer(old.token))).ok, true);
  assert.equal((await auth(bearer(fresh.token))).ok, true);
  now = NOW + 1000;
  assert.deepEqual(await auth(bearer(old.token)), { ok: false, code: 'AUTH_INVALID' });
  assert.equal((await auth(bearer(fresh.token))).ok, true);
});

test('client certificates: bound and authorized, unbound, outside the client CA, revoked', async () => {
  const c = issueCredential();
  const fp = 'cd'.repeat(32);
  const auth = createAuthenticator(storeOf([row({ keyId: c.keyId, secretSha256: c.secretSha256, clientCertSha256: fp })]), () => NOW);
  assert.deepEqual(await auth({ authorization: undefined, peerCertSha256: fp, peerCertAuthorized: true }), { ok: true, source: { keyId: c.keyId, sourceSystem: 'registri-anak', method: 'certificate' } });
  assert.deepEqual(await auth({ authorization: undefined, peerCertSha256: fp, peerCertAuthorized: false }), { ok: false, code: 'AUTH_INVALID' });
  assert.deepEqual(await auth({ authorization: `Bearer ${c.token}`, peerCertSha256: fp, peerCertAuthorized: false }), { ok: false, code: 'AUTH_INVALID' });
  assert.deepEqual(await auth({ authorization: undefined, peerCertSha256: 'ef'.repeat(32), peerCertAuthorized: true }), { ok: false, code: 'AUTH_INVALID' });
  assert.equal((await auth({ authorization: `Bearer ${c.token}`, peerCertSha256: 'ef'.repeat(32), peerCertAuthorized: true })).ok, true);
  const revokedAuth = createAuthenticator(storeOf([row({ keyId: c.keyId, secretSha256: c.secretSha256, clientCertSha256: fp, status: 'revoked' })]), () => NOW);
  assert.deepEqual(await revokedAuth({ authorization: undefined, peerCertSha256: fp, peerCertAuthorized: true }), { ok: false, code: 'SOURCE_REVOKED' });
});
