// Where the pseudonymization secret comes from: PSEUDONYM_SECRET (base64) or PSEUDONYM_SECRET_FILE
// (a file holding the base64 text, e.g. a Kubernetes secret volume). Never from the repository,
// never one of the encryption keys, never logged: errors name the variable, not the value.
import { readFileSync } from 'node:fs';
import { ConfigError } from '@cwp/errors';
import { MIN_SECRET_BYTES } from './pseudonymizer.js';

/** Reads and decodes the secret; one ConfigError when missing, unreadable or shorter than 32 bytes. */
export function loadPseudonymSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const inline = env.PSEUDONYM_SECRET;
  const file = env.PSEUDONYM_SECRET_FILE;
  if (inline && file) throw new ConfigError('set only one of PSEUDONYM_SECRET and PSEUDONYM_SECRET_FILE');
  let text: string;
  if (inline) text = inline;
  else if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError('PSEUDONYM_SECRET_FILE cannot be read: check the path and its permissions', { cause: err });
    }
  } else throw new ConfigError(`PSEUDONYM_SECRET or PSEUDONYM_SECRET_FILE must hold a base64 secret of at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 32)`);
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new ConfigError('the pseudonymization secret is not base64');
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length < MIN_SECRET_BYTES) throw new ConfigError(`the pseudonymization secret must decode to at least ${MIN_SECRET_BYTES} bytes`);
  return new Uint8Array(bytes);
}
