// Issue 4 / issue 9 acceptance (gateway, sources) against the real stack: reason codes for
// missing, malformed, unknown and revoked credentials that leak nothing; rotation with a grace
// period; the sources CLI writes a verifiable audit trail; repeated failures raise one
// AUTHENTICATION_FAILURE alert; mutual TLS (TLS 1.3) with certificates made here by openssl.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import { createGenerator } from '@cwp/synthetic';
import { runSourcesCommand } from '../../services/ingest-gateway/src/cli/sources-command.js';
import type { GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createGatewayFixture, toBody } from '../../services/ingest-gateway/test/support/gateway-fixture.js';

const run = promisify(execFile);
const REPO = new URL('../../', import.meta.url).pathname;
let fx: GatewayFixture;
const generator = createGenerator({ seed: 'gateway-it-auth' });

before(async () => {
  fx = await createGatewayFixture();
});

after(async () => {
  await fx.cleanup();
});

function post(authorization: string | undefined, app = fx.app): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, payload: toBody(generator.next().event) });
}

function codeOf(res: LightMyRequestResponse): string {
  return res.json<{ error: { code: string } }>().error.code;
}

/** Runs the CLI in-process against the fixture's schemas; returns exit code and output lines. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSourcesCommand(argv, { DATABASE_URL: fx.env['DATABASE_URL'], GATEWAY_DB_SCHEMA: fx.config.GATEWAY_DB_SCHEMA, AUDIT_SCHEMA: fx.config.AUDIT_SCHEMA, OPERATOR: 'it-operator' }, {
    out: (l) => out.push(l), err: (l) => err.push(l),
  });
  return { code, out, err };
}

function tokenIn(lines: readonly string[]): string {
  const token = lines.find((l) => /^gk_[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/.test(l));
  assert.ok(token, `no token in ${lines.join(' | ')}`);
  return token;
}

test('missing, malformed, unknown and wrong credentials: 401 with a reason code and nothing else', { timeout: 30_000 }, async () => {
  const { keyId, authorization } = await fx.createSource();
  const wrongSecret = `Bearer ${keyId}.${'A'.repeat(43)}`;
  const unknown = `Bearer gk_${'0'.repeat(24)}.${'A'.repeat(43)}`;
  const cases: [string | undefined, string][] = [[undefined, 'AUTH_MISSING'], ['Basic dXNlcjpwdw==', 'AUTH_MALFORMED'], [`Bearer ${keyId}`, 'AUTH_MALFORMED'], [unknown, 'AUTH_INVALID'], [wrongSecret, 'AUTH_INVALID']];
  const count = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  for (const [header, code] of cases) {
    const res = await post(header);
    assert.equal(res.statusCode, 401, `${code}: ${res.body}`);
    assert.equal(codeOf(res), code);
    assert.doesNotMatch(res.body, new RegExp(keyId));
  }
  // Unknown key id and wrong secret are indistinguishable to the caller.
  assert.equal((await post(unknown)).body, (await post(wrongSecret)).body);
  assert.equal(await fx.countRecords(fx.config.GATEWAY_TOPIC), count);
  assert.equal((await post(authorization)).statusCode, 202);
});

test('repeated failures from one address raise one AUTHENTICATION_FAILURE alert per minute', { timeout: 30_000 }, async () => {
  const app = await fx.buildApp({ GATEWAY_AUTH_ALERT_THRESHOLD: '3' });
  for (let i = 0; i < 6; i++) assert.equal((await post(`Bearer gk_${'1'.repeat(24)}.${'B'.repeat(43)}`, app)).statusCode, 401);
  let alerts: Awaited<ReturnType<GatewayFixture['readAlerts']>> = [];
  for (let i = 0; i < 50 && alerts.length === 0; i++) { alerts = (await fx.readAlerts()).filter((a) => a.value.category === 'AUTHENTICATION_FAILURE'); if (alerts.length === 0) await sleep(100); }
  await sleep(300);
  alerts = (await fx.readAlerts()).filter((a) => a.value.category === 'AUTHENTICATION_FAILURE');
  assert.equal(alerts.length, 1);
  const alert = alerts[0]?.value;
  assert.equal(alert?.service, 'ingest-gateway');
  assert.equal(alert?.attributes['remoteAddress'], '127.0.0.1');
  assert.equal(alert?.attributes['lastReason'], 'AUTH_INVALID');
  assert.doesNotMatch(JSON.stringify(alert), /BBBB/);
});

test('CLI create / rotate (grace) / revoke: credentials behave and every action is audited', { timeout: 60_000 }, async () => {
  const created = await cli('create', 'dinsos-partner');
  assert.equal(created.code, 0, created.err.join('\n'));
  const token1 = tokenIn(created.out);
  const keyId = token1.slice(0, token1.indexOf('.'));
  assert.equal((await post(`Bearer ${token1}`)).statusCode, 202);

  const rotated = await cli('rotate', keyId, '--grace-s', '300');
  assert.equal(rotated.code, 0, rotated.err.join('\n'));
  const token2 = tokenIn(rotated.out);
  assert.equal((await post(`Bearer ${token1}`)).statusCode, 202, 'old secret valid during the grace period');
  assert.equal((await post(`Bearer ${token2}`)).statusCode, 202);

  const rotatedNow = await cli('rotate', keyId, '--grace-s', '0');
  const token3 = tokenIn(rotatedNow.out);
  assert.equal(codeOf(await post(`Bearer ${token1}`)), 'AUTH_INVALID');
  assert.equal(codeOf(await post(`Bearer ${token2}`)), 'AUTH_INVALID', 'grace 0: the previous secret stops at once');
  assert.equal((await post(`Bearer ${token3}`)).statusCode, 202);

  assert.equal((await cli('revoke', keyId)).code, 0);
  const revoked = await post(`Bearer ${token3}`);
  assert.equal(revoked.statusCode, 403);
  assert.equal(codeOf(revoked), 'SOURCE_REVOKED');
  assert.equal((await cli('rotate', keyId)).code, 1, 'a revoked source cannot be rotated back to life');
  assert.equal((await cli('create', 'x')).code, 0);
  assert.equal((await runSourcesCommand(['create', 'y'], { DATABASE_URL: fx.env['DATABASE_URL'], GATEWAY_DB_SCHEMA: fx.config.GATEWAY_DB_SCHEMA }, { out: () => undefined, err: () => undefined })), 2, 'no actor, no change');

  const listed = await cli('list');
  assert.ok(listed.out.some((l) => l.startsWith(keyId) && l.includes('revoked')));
  assert.doesNotMatch(listed.out.join('\n'), /\.[A-Za-z0-9_-]{43}/);

  const rows = await fx.pool.query<{ actor: string; role: string; action: string; subject: string }>(`SELECT actor, role, action, subject FROM "${fx.config.AUDIT_SCHEMA}".audit_records WHERE subject = $1 ORDER BY seq`, [keyId]);
  assert.deepEqual(rows.rows.map((r) => r.action), ['SOURCE_CREATE', 'SOURCE_ROTATE', 'SOURCE_ROTATE', 'SOURCE_REVOKE']);
  assert.ok(rows.rows.every((r) => r.actor === 'it-operator' && r.role === 'ADMIN'));
  assert.doesNotMatch(JSON.stringify(await fx.pool.query(`SELECT details FROM "${fx.config.AUDIT_SCHEMA}".audit_records`)), new RegExp(token3.slice(keyId.length + 1)));
  assert.equal((await fx.audit.verify(null)).ok, true);
  const stored = await fx.pool.query<{ secret_sha256: Buffer }>(`SELECT secret_sha256 FROM "${fx.config.GATEWAY_DB_SCHEMA}".sources WHERE key_id = $1`, [keyId]);
  assert.equal(stored.rows[0]?.secret_sha256.length, 32);
});

test('the CLI entry runs as a process: --actor, the token printed once on stdout, an audit record', { timeout: 60_000 }, async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--conditions=source', 'services/ingest-gateway/src/cli/sources.ts', 'create', 'simpanan-app', '--actor', 'ops-cli'], {
    cwd: REPO, env: { ...process.env, DATABASE_URL: fx.env['DATABASE_URL'], GATEWAY_DB_SCHEMA: fx.config.GATEWAY_DB_SCHEMA, AUDIT_SCHEMA: fx.config.AUDIT_SCHEMA },
  });
  const token = tokenIn(stdout.split('\n'));
  assert.equal((await post(`Bearer ${token}`)).statusCode, 202);
  const rows = await fx.pool.query<{ actor: string }>(`SELECT actor FROM "${fx.config.AUDIT_SCHEMA}".audit_records WHERE action = 'SOURCE_CREATE' AND subject = $1`, [token.slice(0, token.indexOf('.'))]);
  assert.deepEqual(rows.rows, [{ actor: 'ops-cli' }]);
});

test('mutual TLS: a bound client certificate authenticates; a foreign one and TLS 1.2 are refused', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-gw-mtls-'));
  try {
    const ssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
    const ca = (name: string): void => ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '1', '-subj', `/CN=${name}`);
    const leaf = (name: string, issuer: string, ext: string): void => {
      writeFileSync(join(dir, `${name}.ext`), ext);
      ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`);
    };
    ca('clients-ca');
    ca('server-ca');
    ca('rogue-ca');
    leaf('server', 'server-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    leaf('registri-client', 'clients-ca', 'extendedKeyUsage=clientAuth\n');
    leaf('unbound-client', 'clients-ca', 'extendedKeyUsage=clientAuth\n');
    leaf('rogue-client', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
    const file = (name: string): string => join(dir, name);

    const { keyId } = await fx.createSource('registri-anak');
    const fingerprint = new X509Certificate(readFileSync(file('registri-client.pem'))).fingerprint256;
    const bound = await cli('bind-cert', keyId, fingerprint);
    assert.equal(bound.code, 0, bound.err.join('\n'));

    const app = await fx.buildApp({ GATEWAY_TLS_CERT_FILE: file('server.pem'), GATEWAY_TLS_KEY_FILE: file('server.key'), GATEWAY_TLS_CLIENT_CA_FILE: file('clients-ca.pem') });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const send = (client: string | null, extra: { maxVersion?: 'TLSv1.2' } = {}): Promise<{ status: number; body: string; protocol: string | null }> =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(toBody(generator.next().event));
        const req = httpsRequest({
          host: '127.0.0.1', port, method: 'POST', path: '/v1/events', ca: readFileSync(file('server-ca.pem')), ...extra,
          ...(client ? { cert: readFileSync(file(`${client}.pem`)), key: readFileSync(file(`${client}.key`)) } : {}),
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
          let text = '';
          const protocol = (res.socket as unknown as { getProtocol(): string | null }).getProtocol();
          res.on('data', (c: Buffer) => { text += c.toString(); });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, protocol }));
        });
        req.on('error', reject);
        req.end(body);
      });

    const ok = await send('registri-client');
    assert.equal(ok.status, 202, ok.body);
    assert.equal(ok.protocol, 'TLSv1.3');
    const rogue = await send('rogue-client');
    assert.equal(rogue.status, 401);
    assert.equal((JSON.parse(rogue.body) as { error: { code: string } }).error.code, 'AUTH_INVALID');
    const unbound = await send('unbound-client');
    assert.equal(unbound.status, 401);
    const none = await send(null);
    assert.equal((JSON.parse(none.body) as { error: { code: string } }).error.code, 'AUTH_MISSING');
    await assert.rejects(send('registri-client', { maxVersion: 'TLSv1.2' }), /version|protocol|alert/i);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
