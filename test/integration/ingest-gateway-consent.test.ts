// Issue 4 acceptance (guardian consent) against the real PostgreSQL: grant, revoke (history kept),
// expiry, audited writes, and the reader the classifier uses (@cwp/ingest-gateway/consent).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { createConsentReader, isGranted } from '@cwp/ingest-gateway/consent';
import type { GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createGatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';

let fx: GatewayFixture;
let authorization: string;

before(async () => {
  fx = await createGatewayFixture();
  authorization = (await fx.createSource('registri-anak')).authorization;
});

after(async () => {
  await fx.cleanup();
});

interface ConsentView { status: string; expiresAt: string | null; recordedAt: string | null }

async function consents(childId: string): Promise<Record<string, ConsentView>> {
  const res = await fx.app.inject({ method: 'GET', url: `/v1/consents/${childId}`, headers: { authorization } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ consents: Record<string, ConsentView> }>().consents;
}

test('grant, revoke and expiry per purpose; history kept; writes audited; the reader agrees', { timeout: 30_000 }, async () => {
  const child = `CHD-${fx.id}`;
  assert.deepEqual(Object.values(await consents(child)).map((c) => c.status), ['none', 'none', 'none']);

  const put = (purpose: string, body: unknown): Promise<LightMyRequestResponse> =>
    fx.app.inject({ method: 'PUT', url: `/v1/consents/${child}/${purpose}`, headers: { authorization, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const granted = await put('analytics', { status: 'granted', guardianRef: 'KK-3273-0001' });
  assert.equal(granted.statusCode, 200, granted.body);
  const soon = new Date(Date.now() + 1500).toISOString();
  assert.equal((await put('research', { status: 'granted', guardianRef: 'KK-3273-0001', expiresAt: soon })).statusCode, 200);
  assert.equal((await put('media', { status: 'granted', guardianRef: 'KK-3273-0001' })).statusCode, 200);
  const revoked = await fx.app.inject({ method: 'DELETE', url: `/v1/consents/${child}/media`, headers: { authorization } });
  assert.equal(revoked.statusCode, 200, revoked.body);

  let state = await consents(child);
  assert.equal(state['analytics']?.status, 'granted');
  assert.equal(state['research']?.status, 'granted');
  assert.equal(state['media']?.status, 'revoked');

  const reader = createConsentReader(fx.pool, { schema: fx.config.GATEWAY_DB_SCHEMA });
  const now = await reader.currentConsent(child, new Date());
  assert.equal(isGranted(now, 'analytics'), true);
  assert.equal(isGranted(now, 'media'), false);
  // Consent as it stood before anything was recorded: none.
  assert.equal((await reader.currentConsent(child, new Date(Date.now() - 3_600_000))).analytics.status, 'none');

  await sleep(1600);
  state = await consents(child);
  assert.equal(state['research']?.status, 'expired');
  assert.equal(isGranted(await reader.currentConsent(child, new Date()), 'research'), false);

  const history = await fx.pool.query<{ purpose: string; status: string; recorded_by: string }>(`SELECT purpose, status, recorded_by FROM "${fx.config.GATEWAY_DB_SCHEMA}".consents WHERE child_id = $1 ORDER BY id`, [child]);
  assert.deepEqual(history.rows.map((r) => `${r.purpose}:${r.status}`), ['analytics:granted', 'research:granted', 'media:granted', 'media:revoked']);
  assert.ok(history.rows.every((r) => r.recorded_by === 'registri-anak'));

  const audit = await fx.pool.query<{ action: string; purpose: string; actor: string }>(`SELECT action, purpose, actor FROM "${fx.config.AUDIT_SCHEMA}".audit_records WHERE subject = $1 ORDER BY seq`, [child]);
  assert.deepEqual(audit.rows.map((r) => `${r.action}:${r.purpose}`), ['CONSENT_GRANT:analytics', 'CONSENT_GRANT:research', 'CONSENT_GRANT:media', 'CONSENT_REVOKE:media']);
  assert.equal((await fx.audit.verify(null)).ok, true);
});

test('bad consent requests: 400 naming the path, 401 without credentials, nothing recorded', { timeout: 30_000 }, async () => {
  const child = `CHD-bad-${fx.id}`;
  const put = (url: string, body: unknown, auth: string | null = authorization): Promise<LightMyRequestResponse> =>
    fx.app.inject({ method: 'PUT', url, headers: { 'content-type': 'application/json', ...(auth !== null ? { authorization: auth } : {}) }, payload: JSON.stringify(body) });
  const badPurpose = await put(`/v1/consents/${child}/marketing`, { status: 'granted', guardianRef: 'g' });
  assert.equal(badPurpose.statusCode, 400);
  assert.deepEqual(badPurpose.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path), ['params.purpose']);
  const badBody = await put(`/v1/consents/${child}/research`, { status: 'revoked', expiresAt: 'tomorrow' });
  assert.equal(badBody.statusCode, 400);
  assert.deepEqual(badBody.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path).sort(), ['expiresAt', 'guardianRef', 'status']);
  const past = await put(`/v1/consents/${child}/research`, { status: 'granted', guardianRef: 'g', expiresAt: Date.now() - 1000 });
  assert.equal(past.statusCode, 400);
  assert.equal((await put(`/v1/consents/${child}/research`, { status: 'granted', guardianRef: 'g' }, null)).statusCode, 401);
  const rows = await fx.pool.query(`SELECT 1 FROM "${fx.config.GATEWAY_DB_SCHEMA}".consents WHERE child_id = $1`, [child]);
  assert.equal(rows.rowCount, 0);
});
