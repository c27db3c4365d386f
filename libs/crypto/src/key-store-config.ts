// The key store and KMS from the environment, shared by every process that holds DEKs (the
// encryptor stage and its CLIs, the risk scorer's identity sealer): the local keyring (dev, tests)
// or Vault Transit (production). Secrets (LOCAL_KMS_KEYRING, VAULT_TOKEN) are read once here and
// never logged; config errors name the variable, never its value (@cwp/config).
import type pg from 'pg';
import { z } from 'zod';
import type { EnvShape } from '@cwp/config';
import { ConfigError } from '@cwp/errors';
import type { KeyStore } from './key-store/key-store.js';
import { createPgKeyStore } from './key-store/pg-key-store.js';
import type { PgKeyStoreOptions } from './key-store/pg-key-store.js';
import { createRedisInvalidationBus } from './key-store/redis-invalidation.js';
import type { Kms } from './kms.js';
import { createLocalKms } from './local-kms.js';
import { createVaultTransitKms } from './vault-transit-kms.js';

/** Variables of the KMS choice. */
export const kmsEnv = {
  KMS_PROVIDER: z.enum(['local', 'vault']).default('local').describe('local = keyring file/env (dev, tests); vault = HashiCorp Vault Transit'),
  LOCAL_KMS_KEYRING_FILE: z.string().min(1).optional().describe('path of the local KEK keyring (JSON, mode 600, outside the repository); rotate-kek rewrites it'),
  LOCAL_KMS_KEYRING: z.string().min(1).optional().describe('the local KEK keyring as JSON (a secret env var); cannot be rotated in place'),
  VAULT_ADDR: z.url().optional().describe('Vault address, e.g. https://vault.internal:8200'),
  VAULT_TOKEN: z.string().min(1).optional().describe('Vault token with the transit encrypt/decrypt/rewrap (and, for the CLI, rotate) policy'),
  VAULT_NAMESPACE: z.string().min(1).optional().describe('Vault Enterprise namespace'),
  VAULT_TRANSIT_MOUNT: z.string().min(1).default('transit').describe('mount path of the Transit engine'),
  VAULT_TRANSIT_KEY: z.string().min(1).default('cwp-dek').describe('Transit key (aes256-gcm96) that wraps DEKs'),
} satisfies EnvShape;

/** Parsed kmsEnv. */
export type KmsConfig = Readonly<z.infer<z.ZodObject<typeof kmsEnv>>>;

/** Builds the configured KMS; ConfigError when its variables are missing. */
export function createKmsFromConfig(cfg: KmsConfig): Kms {
  if (cfg.KMS_PROVIDER === 'vault') {
    if (!cfg.VAULT_ADDR || !cfg.VAULT_TOKEN) throw new ConfigError('KMS_PROVIDER=vault needs VAULT_ADDR and VAULT_TOKEN');
    return createVaultTransitKms({ address: cfg.VAULT_ADDR, token: cfg.VAULT_TOKEN, keyName: cfg.VAULT_TRANSIT_KEY, mount: cfg.VAULT_TRANSIT_MOUNT, ...(cfg.VAULT_NAMESPACE ? { namespace: cfg.VAULT_NAMESPACE } : {}) });
  }
  if (cfg.LOCAL_KMS_KEYRING_FILE) return createLocalKms({ file: cfg.LOCAL_KMS_KEYRING_FILE });
  if (cfg.LOCAL_KMS_KEYRING) return createLocalKms({ json: cfg.LOCAL_KMS_KEYRING });
  throw new ConfigError('KMS_PROVIDER=local needs LOCAL_KMS_KEYRING_FILE or LOCAL_KMS_KEYRING (create one with `cwp-keys init-local-kms <file>`)');
}

/** Variables of the key store shared by the stages and the CLIs. */
export const keyStoreEnv = {
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the key store (and the audit log)'),
  KEYS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('keys').describe('PostgreSQL schema of the wrapped DEKs'),
  REDIS_URL: z.string().min(1).optional().describe('Redis URL for DEK cache invalidation (pub/sub); without it caches expire by TTL only'),
  KEY_INVALIDATION_CHANNEL: z.string().min(1).default('cwp:keys:invalidate').describe('Redis pub/sub channel of DEK cache invalidations'),
  DEK_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(10_000).describe('unwrapped DEKs kept in memory'),
  DEK_CACHE_TTL_MS: z.coerce.number().int().positive().default(300_000).describe('longest an unwrapped DEK stays cached (bounds a missed invalidation)'),
  ...kmsEnv,
} satisfies EnvShape;

/** Parsed keyStoreEnv. */
export type KeyStoreConfig = Readonly<z.infer<z.ZodObject<typeof keyStoreEnv>>>;

/**
 * The PostgreSQL key store over `pool` as configured (KMS, schema, cache; Redis invalidation when
 * REDIS_URL is set); `overrides` win (e.g. cacheMaxEntries 0 for a CLI). The pool stays the caller's.
 */
export async function createKeyStoreFromConfig(cfg: KeyStoreConfig, pool: pg.Pool, overrides: Partial<Omit<PgKeyStoreOptions, 'pool'>> = {}): Promise<KeyStore> {
  return createPgKeyStore({
    pool, kms: createKmsFromConfig(cfg), schema: cfg.KEYS_SCHEMA,
    cacheMaxEntries: cfg.DEK_CACHE_MAX_ENTRIES, cacheTtlMs: cfg.DEK_CACHE_TTL_MS,
    ...(cfg.REDIS_URL ? { invalidation: createRedisInvalidationBus(cfg.REDIS_URL, cfg.KEY_INVALIDATION_CHANNEL) } : {}),
    ...overrides,
  });
}
