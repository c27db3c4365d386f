// Runs the risk scorer's real entry (src/main.ts) as a child process, for the integration tests and
// the latency bench: the same wiring as production, configured by environment only.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS_MIGRATIONS_DIR, createLocalKeyring, createLocalKms, createPgKeyStore } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import type { ProcessExit } from '../../../test/integration/helpers/stream-fixtures.js';
import { serviceEntryArgs, stackEnv } from '../../../test/support/stack.js';
import { dropRiskState } from '../src/redis-state-store.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A running scorer process. */
export interface ScorerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ProcessExit>;
  readonly logFile: string;
}

/** The key store of one test file or bench run: a private, migrated KEYS_SCHEMA and invalidation channel. */
export interface PrivateKeyStore {
  /** DATABASE_URL, KMS_PROVIDER, LOCAL_KMS_KEYRING_FILE, KEYS_SCHEMA, KEY_INVALIDATION_CHANNEL for the scorer. */
  readonly env: Readonly<Record<'DATABASE_URL' | 'KMS_PROVIDER' | 'LOCAL_KMS_KEYRING_FILE' | 'KEYS_SCHEMA' | 'KEY_INVALIDATION_CHANNEL', string>>;
  /** Creates each subject's DEK now (as the encryptor would from the child's earlier events); returns DEKs per second. */
  ensureDeks(subjectIds: readonly string[], concurrency?: number): Promise<number>;
  /** Drops the schema (and a keyring this helper wrote). */
  drop(): Promise<void>;
}

/**
 * Migrates KEYS_MIGRATIONS_DIR into a private schema. The KEKs are the local stack's keyring
 * (LOCAL_KMS_KEYRING_FILE from .local/stack.env); without it, a throw-away keyring in a temp dir.
 */
export async function privateKeyStore(label: string): Promise<PrivateKeyStore> {
  const { databaseUrl } = stackEnv();
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const schema = `keys_${label}_${suffix}`;
  await migrate({ databaseUrl, dir: KEYS_MIGRATIONS_DIR, schema });
  let keyring = process.env.LOCAL_KMS_KEYRING_FILE;
  let tmp: string | undefined;
  if (!keyring) {
    tmp = mkdtempSync(join(tmpdir(), 'cwp-risk-kms-'));
    keyring = join(tmp, 'keyring.json');
    writeFileSync(keyring, createLocalKeyring('it-risk-kek'), { mode: 0o600 });
  }
  const kms = createLocalKms({ file: keyring });
  return {
    env: { DATABASE_URL: databaseUrl, KMS_PROVIDER: 'local', LOCAL_KMS_KEYRING_FILE: keyring, KEYS_SCHEMA: schema, KEY_INVALIDATION_CHANNEL: `cwp:keys:invalidate:${schema}` },
    async ensureDeks(subjectIds, concurrency = 16) {
      const pool = createPool({ databaseUrl, applicationName: 'cwp-risk-it-deks', max: concurrency });
      const keys = await createPgKeyStore({ pool, kms, schema, cacheMaxEntries: 0 });
      const t0 = performance.now();
      try {
        let next = 0;
        await Promise.all(Array.from({ length: concurrency }, async () => {
          while (next < subjectIds.length) await keys.currentDek(subjectIds[next++]!);
        }));
      } finally {
        await keys.close();
        await pool.end();
      }
      return subjectIds.length / ((performance.now() - t0) / 1000);
    },
    async drop() {
      const pool = createPool({ databaseUrl, applicationName: 'cwp-risk-it-cleanup', max: 1 });
      try { await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await pool.end(); }
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Topics, subjects, group, Redis prefix, secrets and key store of one isolated scorer deployment. */
export interface ScorerEnv {
  readonly INPUT_TOPIC: string;
  readonly ALERT_TOPIC: string;
  readonly SECURITY_TOPIC: string;
  readonly GROUP_ID: string;
  readonly REDIS_KEY_PREFIX: string;
  readonly PSEUDONYM_SECRET: string;
  /** A private schema (see privateKeyStore); the scorer seals identities under DEKs stored there. */
  readonly KEYS_SCHEMA: string;
  readonly [name: string]: string;
}

/**
 * Starts `services/risk-scorer/src/main.ts` with `env` over the inherited environment (subjects
 * follow the topics); logs to .local/logs/<logName>.log; `nodeArgs` go to node itself (--cpu-prof).
 */
export function startRiskScorer(env: ScorerEnv, logName: string, nodeArgs: readonly string[] = []): ScorerProcess {
  mkdirSync(`${ROOT}.local/logs`, { recursive: true });
  const logFile = `${ROOT}.local/logs/${logName}.log`;
  const fd = openSync(logFile, 'a');
  // The deployment's own secret replaces the stack's file (.local/stack.env exports PSEUDONYM_SECRET_FILE; both set is a ConfigError).
  const { PSEUDONYM_SECRET_FILE: _stackSecretFile, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, ...serviceEntryArgs('services/risk-scorer/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...inherited, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'info',
      INPUT_SUBJECT: `${env.INPUT_TOPIC}-value`, ALERT_SUBJECT: `${env.ALERT_TOPIC}-value`, SECURITY_SUBJECT: `${env.SECURITY_TOPIC}-value`, ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, logFile };
}

/**
 * Deletes the risk state a test or bench run wrote under `prefix` in the stack's Redis (a bench run
 * holds ~16,000 keys with week-long TTLs, which would otherwise pile up and make Redis rewrite a
 * growing AOF inside later measurements).
 */
export function dropRedisPrefix(prefix: string): Promise<number> {
  return dropRiskState(stackEnv().redisUrl, prefix);
}
