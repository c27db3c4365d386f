// KMS adapter for HashiCorp Vault's Transit secrets engine over its HTTP API (token auth):
//   POST {addr}/v1/{mount}/encrypt/{name}      {"plaintext": b64}            → data.ciphertext "vault:v<N>:…", data.key_version
//   POST {addr}/v1/{mount}/decrypt/{name}      {"ciphertext": "vault:v<N>:…"} → data.plaintext (b64)
//   POST {addr}/v1/{mount}/rewrap/{name}       {"ciphertext": …}             → data.ciphertext under the latest version
//   POST {addr}/v1/{mount}/keys/{name}/rotate                                 → new key version
//   GET  {addr}/v1/{mount}/keys/{name}                                        → data.latest_version
// Headers: X-Vault-Token (and X-Vault-Namespace when set). Errors come back as {"errors": [...]}:
// 5xx, 429 and network failures are retriable DependencyErrors; 4xx are not (bad token, policy,
// wrong ciphertext). Messages carry the status and Vault's error text, never request bodies.
// The DEK's identity is bound inside the wrapped plaintext by the key store, so no Transit
// `context`/`associated_data` is needed and rewrap works on any aes256-gcm96 key.
import { DependencyError, PlatformError } from '@cwp/errors';
import type { Kms, WrappedKey } from './kms.js';

/** How the adapter reaches Vault. */
export interface VaultTransitOptions {
  /** e.g. https://vault.example:8200 */
  readonly address: string;
  readonly token: string;
  readonly keyName: string;
  readonly mount?: string;
  readonly namespace?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

interface VaultData { readonly data?: Record<string, unknown>; readonly errors?: readonly string[] }

const VERSIONED = /^vault:v([0-9]+):/;

/** A Kms over Vault Transit; the key must exist (aes256-gcm96). */
export function createVaultTransitKms(options: VaultTransitOptions): Kms {
  const mount = (options.mount ?? 'transit').replace(/^\/+|\/+$/g, '');
  const base = `${options.address.replace(/\/+$/, '')}/v1/${mount}`;
  const name = encodeURIComponent(options.keyName);
  const doFetch = options.fetch ?? fetch;
  const kekId = `vault:${mount}/${options.keyName}`;

  async function call(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { 'X-Vault-Token': options.token };
    if (options.namespace) headers['X-Vault-Namespace'] = options.namespace;
    if (body) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    } catch (err) {
      throw new DependencyError('KMS_UNAVAILABLE', `Vault Transit at ${options.address} is unreachable`, { cause: err });
    }
    const text = await res.text();
    let parsed: VaultData = {};
    try { parsed = text ? (JSON.parse(text) as VaultData) : {}; } catch { /* non-JSON error page */ }
    if (!res.ok) {
      const why = (parsed.errors ?? []).join('; ').slice(0, 200) || res.statusText;
      if (res.status >= 500 || res.status === 429) throw new DependencyError('KMS_UNAVAILABLE', `Vault Transit ${method} ${path.split('/')[1] ?? ''} failed with ${res.status}: ${why}`);
      throw new PlatformError('KMS_REFUSED', `Vault Transit refused ${path.split('/')[1] ?? ''} with ${res.status}: ${why} (check the token's policy and the key name)`);
    }
    return parsed.data ?? {};
  }

  function wrapped(ciphertext: unknown): WrappedKey {
    const m = typeof ciphertext === 'string' ? VERSIONED.exec(ciphertext) : null;
    if (!m || typeof ciphertext !== 'string') throw new PlatformError('KMS_BAD_RESPONSE', 'Vault Transit returned no versioned ciphertext');
    return { kekId, kekVersion: Number(m[1]), blob: Buffer.from(ciphertext, 'utf8') };
  }

  function ciphertextOf(w: WrappedKey): string {
    if (w.kekId !== kekId) throw new PlatformError('KEK_MISMATCH', `wrapped key belongs to ${w.kekId}, not ${kekId}`);
    return w.blob.toString('utf8');
  }

  return {
    kekId,
    async wrap(plaintext) {
      return wrapped((await call('POST', `/encrypt/${name}`, { plaintext: plaintext.toString('base64') }))['ciphertext']);
    },
    async unwrap(w) {
      const data = await call('POST', `/decrypt/${name}`, { ciphertext: ciphertextOf(w) });
      if (typeof data['plaintext'] !== 'string') throw new PlatformError('KMS_BAD_RESPONSE', 'Vault Transit returned no plaintext');
      return Buffer.from(data['plaintext'], 'base64');
    },
    async rewrap(w) {
      return wrapped((await call('POST', `/rewrap/${name}`, { ciphertext: ciphertextOf(w) }))['ciphertext']);
    },
    async rotate() {
      await call('POST', `/keys/${name}/rotate`);
      return this.latestVersion();
    },
    async latestVersion() {
      const v = (await call('GET', `/keys/${name}`))['latest_version'];
      if (typeof v !== 'number') throw new PlatformError('KMS_BAD_RESPONSE', 'Vault Transit key info has no latest_version');
      return v;
    },
  };
}
