// The one reviewed list of log paths pino censors. Records, keys and secrets must never reach a
// log line; callers are expected not to log them at all, and this list catches the mistakes.
// Review rule: add a path whenever a new field or option could carry record content or key material.

/** Paths (pino `redact` syntax) whose values are replaced by "[redacted]" in every log line. */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  // record content, in whatever object a log call passes
  'value', 'key', 'record', 'records', 'message.value', 'message.key', 'payload', 'body',
  '*.value', '*.key', '*.record', '*.payload', '*.body',
  // direct identifiers of children and guardians (schemas tag them "pii": "direct")
  '*.nik', '*.fullName', '*.name', '*.phone', '*.email', '*.address', '*.dateOfBirth', '*.birthDate',
  // key material and credentials
  'password', 'secret', 'token', 'dek', 'kek', 'apiKey',
  '*.password', '*.secret', '*.token', '*.dek', '*.kek', '*.wrappedDek', '*.apiKey', '*.privateKey', '*.sasl',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.headers.authorization',
  'DATABASE_URL', 'REDIS_URL', '*.DATABASE_URL', '*.REDIS_URL',
  // KMS credentials and local key rings
  'VAULT_TOKEN', '*.VAULT_TOKEN', 'LOCAL_KMS_KEYRING', '*.LOCAL_KMS_KEYRING', 'PSEUDONYM_SECRET', '*.PSEUDONYM_SECRET', 'RISK_IDENTITY_KEY', '*.RISK_IDENTITY_KEY',
]);

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';
