// Caller credentials: opaque bearer tokens (≥ 256 bits from the CSPRNG, see cli/issue-token.ts),
// of which only SHA-256 hashes are configured, each with a name and a role. A fast hash is enough
// because tokens are random, not passwords. Lookup compares against every hash in constant time, so
// timing says nothing about which, or whether any, credential was close.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';

/** What a credential may do: the aggregator reserves, commits and releases; an admin also changes caps. */
export const ROLES = ['aggregator', 'admin'] as const;
/** One of ROLES. */
export type Role = (typeof ROLES)[number];

/** The authenticated caller. */
export interface Caller {
  readonly name: string;
  readonly role: Role;
}

/** Token text: 32–256 URL-safe characters. */
const TOKEN = /^[A-Za-z0-9._~-]{32,256}$/;

const fileSchema = z.strictObject({
  credentials: z.array(z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'names are 1–64 letters, digits, dots, dashes or underscores'),
    role: z.enum(ROLES),
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the lower-case hex SHA-256 of the token (never the token itself)'),
  })).min(1, 'configure at least one credential'),
});

/** SHA-256 (hex) of a token's text. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token (shown once) and the hash to configure. */
export function issueToken(): { token: string; tokenSha256: string } {
  const token = `lt_${randomBytes(32).toString('base64url')}`;
  return { token, tokenSha256: hashToken(token) };
}

/** Outcome of authenticating an Authorization header. */
export type AuthResult = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly code: 'AUTH_MISSING' | 'AUTH_MALFORMED' | 'AUTH_INVALID' };

/** Authenticates Authorization headers against configured hashes. */
export interface CredentialStore {
  authenticate(authorization: string | undefined): AuthResult;
  readonly size: number;
}

/** Builds the store from parsed JSON ({credentials: [{name, role, tokenSha256}]}); ConfigError names bad entries. */
export function parseCredentials(json: unknown, source = 'credentials'): CredentialStore {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid, ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const entries = result.data.credentials.map((c) => ({ caller: Object.freeze({ name: c.name, role: c.role }), digest: Buffer.from(c.tokenSha256, 'hex') }));
  if (new Set(entries.map((e) => e.digest.toString('hex'))).size !== entries.length) throw new ConfigError(`${source} is invalid: two credentials share a token hash`);
  return Object.freeze({
    size: entries.length,
    authenticate(authorization: string | undefined): AuthResult {
      if (authorization === undefined || authorization === '') return { ok: false, code: 'AUTH_MISSING' };
      const match = /^Bearer (\S+)$/.exec(authorization);
      if (!match?.[1] || !TOKEN.test(match[1])) return { ok: false, code: 'AUTH_MALFORMED' };
      const presented = createHash('sha256').update(match[1], 'utf8').digest();
      let found: Caller | null = null;
      // No early exit: every configured hash is compared, whatever matches.
      for (const e of entries) if (timingSafeEqual(presented, e.digest) && found === null) found = e.caller;
      return found ? { ok: true, caller: found } : { ok: false, code: 'AUTH_INVALID' };
    },
  });
}

/** Reads credentials from a JSON file, or from JSON text (an environment variable). */
export function loadCredentials(options: { file?: string | undefined; json?: string | undefined }): CredentialStore {
  if (options.json !== undefined) {
    let parsed: unknown;
    try { parsed = JSON.parse(options.json); } catch { throw new ConfigError('LEDGER_CREDENTIALS_JSON is not valid JSON'); }
    return parseCredentials(parsed, 'LEDGER_CREDENTIALS_JSON');
  }
  if (options.file === undefined) throw new ConfigError('no ledger credentials: set LEDGER_CREDENTIALS_FILE or LEDGER_CREDENTIALS_JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(options.file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`credentials file ${options.file} could not be read as JSON: ${(err as Error).message}`);
  }
  return parseCredentials(parsed, `credentials file ${options.file}`);
}
