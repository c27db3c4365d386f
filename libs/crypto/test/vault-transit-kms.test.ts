// The Vault Transit adapter against a recorded contract: no Vault can run here, so this test serves
// the documented Transit request/response shapes (developer.hashicorp.com/vault/api-docs/secret/transit:
// encrypt, decrypt, rewrap, keys/:name/rotate, keys/:name read; X-Vault-Token auth; {"errors": [...]}
// on failure) from a tiny local HTTP server that really encrypts (AES-256-GCM, "vault:v<N>:" prefix).
// It proves the adapter's requests and parsing, not Vault itself: run it against a dev Vault
// (`vault server -dev`) before production.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DependencyError, PlatformError } from '@cwp/errors';
import { gcmDecrypt, gcmEncrypt, createVaultTransitKms } from '../src/index.js';

const TOKEN = 'hvs.test-token';
const versions: Buffer[] = [randomBytes(32)];
const seen: Array<{ method: string; url: string; token: string | undefined; body: Record<string, unknown> }> = [];
let failNext = 0;
let server: Server;
let address = '';

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
const envelope = (data: Record<string, unknown>) => ({ request_id: 'r', lease_id: '', renewable: false, lease_duration: 0, data, wrap_info: null, warnings: null, auth: null });

function vaultEncrypt(plain: Buffer): { ciphertext: string; key_version: number } {
  const v = versions.length;
  const iv = randomBytes(12);
  const { ciphertext, tag } = gcmEncrypt(versions[v - 1]!, iv, plain, Buffer.alloc(0));
  return { ciphertext: `vault:v${v}:${Buffer.concat([iv, ciphertext, tag]).toString('base64')}`, key_version: v };
}
function vaultDecrypt(ct: string): Buffer {
  const m = /^vault:v(\d+):(.+)$/.exec(ct);
  const key = m ? versions[Number(m[1]) - 1] : undefined;
  if (!m || !key) throw new Error('invalid ciphertext');
  const b = Buffer.from(m[2]!, 'base64');
  return gcmDecrypt(key, b.subarray(0, 12), b.subarray(12, b.length - 16), Buffer.alloc(0), b.subarray(b.length - 16));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const token = req.headers['x-vault-token'];
  seen.push({ method: req.method ?? '', url: req.url ?? '', token: typeof token === 'string' ? token : undefined, body });
  if (failNext > 0) { failNext -= 1; return reply(res, 503, { errors: ['Vault is sealed'] }); }
  if (token !== TOKEN) return reply(res, 403, { errors: ['permission denied'] });
  const url = req.url ?? '';
  try {
    if (req.method === 'POST' && url === '/v1/transit/encrypt/cwp-dek') return reply(res, 200, envelope(vaultEncrypt(Buffer.from(String(body['plaintext']), 'base64'))));
    if (req.method === 'POST' && url === '/v1/transit/decrypt/cwp-dek') return reply(res, 200, envelope({ plaintext: vaultDecrypt(String(body['ciphertext'])).toString('base64') }));
    if (req.method === 'POST' && url === '/v1/transit/rewrap/cwp-dek') return reply(res, 200, envelope(vaultEncrypt(vaultDecrypt(String(body['ciphertext'])))));
    if (req.method === 'POST' && url === '/v1/transit/keys/cwp-dek/rotate') { versions.push(randomBytes(32)); return reply(res, 200, envelope({ name: 'cwp-dek', type: 'aes256-gcm96', latest_version: versions.length })); }
    if (req.method === 'GET' && url === '/v1/transit/keys/cwp-dek') return reply(res, 200, envelope({ name: 'cwp-dek', type: 'aes256-gcm96', latest_version: versions.length, min_decryption_version: 1 }));
    return reply(res, 404, { errors: [] });
  } catch {
    return reply(res, 400, { errors: ['invalid ciphertext: unable to decrypt'] });
  }
}

before(async () => {
  server = createServer((req, res) => { void handle(req, res); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('wrap, unwrap, rotate, rewrap against the Transit contract', async () => {
  const kms = createVaultTransitKms({ address, token: TOKEN, keyName: 'cwp-dek' });
  assert.equal(kms.kekId, 'vault:transit/cwp-dek');
  const dek = randomBytes(48);
  const w = await kms.wrap(dek);
  assert.equal(w.kekVersion, 1);
  assert.match(w.blob.toString(), /^vault:v1:/);
  assert.deepEqual(await kms.unwrap(w), dek);
  assert.equal(await kms.rotate(), 2);
  assert.equal((await kms.wrap(dek)).kekVersion, 2);
  const moved = await kms.rewrap(w);
  assert.equal(moved.kekVersion, 2);
  assert.deepEqual(await kms.unwrap(moved), dek);
  assert.ok(seen.every((s) => s.token === TOKEN), 'every request carries X-Vault-Token');
  const enc = seen.find((s) => s.url.endsWith('/encrypt/cwp-dek'));
  assert.deepEqual(Object.keys(enc?.body ?? {}), ['plaintext'], 'encrypt sends only base64 plaintext');
});

test('a 5xx is a retriable DependencyError; a 403 is not retriable and does not echo the token', async () => {
  const kms = createVaultTransitKms({ address, token: TOKEN, keyName: 'cwp-dek' });
  failNext = 1;
  await assert.rejects(kms.wrap(randomBytes(32)), (e: unknown) => e instanceof DependencyError && e.retriable && /503/.test(e.message));
  const denied = createVaultTransitKms({ address, token: 'hvs.wrong', keyName: 'cwp-dek' });
  await assert.rejects(denied.wrap(randomBytes(32)), (e: unknown) => e instanceof PlatformError && !e.retriable && e.code === 'KMS_REFUSED' && !e.message.includes('hvs.'));
  const gone = createVaultTransitKms({ address: 'http://127.0.0.1:1', token: TOKEN, keyName: 'cwp-dek', timeoutMs: 500 });
  await assert.rejects(gone.latestVersion(), DependencyError);
  await assert.rejects(kms.unwrap({ kekId: 'vault:transit/other', kekVersion: 1, blob: Buffer.from('vault:v1:AAAA') }), /belongs to/);
});
