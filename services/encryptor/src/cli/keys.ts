#!/usr/bin/env node
// `cwp-keys`: the key lifecycle, authorised by CWP_ROLE and audited as CWP_ACTOR (see key-admin.ts).
//   cwp-keys migrate                                    create/upgrade the keys schema
//   cwp-keys init-local-kms <file>                      write a new local KEK keyring (mode 600; dev/test only)
//   cwp-keys rotate-kek | rewrap
//   cwp-keys rotate-dek <subjectId>
//   cwp-keys enforce-rotation [--dry-run]               rotate DEKs older than KEY_ROTATION_DAYS
//   cwp-keys shred <subjectId> --reason <ref>           crypto-shred: destroy every DEK version + tombstone
//   cwp-keys restore <subjectId> --reason <ref>         clear the tombstone (new events get a new key)
// Exit codes: 0 done, 1 failed, 2 usage/config, 3 not authorised.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AUDIT_MIGRATIONS_DIR, createAuditLog, createCheckpointSigner } from '@cwp/audit';
import { loadConfig } from '@cwp/config';
import { KEYS_MIGRATIONS_DIR, createKmsFromConfig, createLocalKeyring, createPgKeyStore, createRedisInvalidationBus, keyStoreEnv } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { AuthorizationError, PlatformError } from '@cwp/errors';
import { readFileSync } from 'node:fs';
import { KEY_COMMANDS, runKeyCommand, type KeyCommand } from '../key-admin.js';

const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const err = (s: string): boolean => process.stderr.write(`${s}\n`);
const USAGE = 'usage: cwp-keys migrate | init-local-kms <file> | rotate-kek | rewrap | rotate-dek <subjectId> | enforce-rotation [--dry-run] | shred <subjectId> --reason <ref> | restore <subjectId> --reason <ref>';

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'init-local-kms') {
    if (!rest[0]) { err(USAGE); return 2; }
    writeFileSync(rest[0], createLocalKeyring(), { mode: 0o600, flag: 'wx' });
    out(`local KEK keyring written to ${rest[0]} (mode 600); keep it out of the repository`);
    return 0;
  }
  if (cmd !== 'migrate' && !(cmd !== undefined && cmd in KEY_COMMANDS)) { err(USAGE); return 2; }
  const cfg = loadConfig({
    ...keyStoreEnv,
    AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit chain'),
    AUDIT_SIGNING_KEY_FILE: z.string().optional().describe('Ed25519 PKCS#8 PEM that signs audit checkpoints'),
    CWP_ACTOR: z.string().min(1).describe('who runs the command (operator id), recorded in the audit log'),
    CWP_ROLE: z.string().min(1).describe('the operator role: KEY_CUSTODIAN or DATA_PROTECTION_OFFICER'),
    KEY_ROTATION_DAYS: z.coerce.number().int().positive().default(90).describe('DEK rotation period enforced by enforce-rotation'),
  });
  if (cmd === 'migrate') {
    const applied = await migrate({ databaseUrl: cfg.DATABASE_URL, dir: KEYS_MIGRATIONS_DIR, schema: cfg.KEYS_SCHEMA });
    await migrate({ databaseUrl: cfg.DATABASE_URL, dir: AUDIT_MIGRATIONS_DIR, schema: cfg.AUDIT_SCHEMA });
    out(`keys schema ${cfg.KEYS_SCHEMA}: ${applied.length} migration(s) applied`);
    return 0;
  }
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-keys', max: 2 });
  const kms = createKmsFromConfig(cfg);
  const keys = await createPgKeyStore({ pool, kms, schema: cfg.KEYS_SCHEMA, cacheMaxEntries: 0, ...(cfg.REDIS_URL ? { invalidation: createRedisInvalidationBus(cfg.REDIS_URL, cfg.KEY_INVALIDATION_CHANNEL) } : {}) });
  const audit = createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA, ...(cfg.AUDIT_SIGNING_KEY_FILE ? { signer: createCheckpointSigner(readFileSync(cfg.AUDIT_SIGNING_KEY_FILE, 'utf8')) } : {}) });
  const reasonAt = rest.indexOf('--reason');
  const subjectId = rest[0] && !rest[0].startsWith('--') ? rest[0] : undefined;
  try {
    out(await runKeyCommand(cmd as KeyCommand, {
      ...(subjectId ? { subjectId } : {}),
      ...(reasonAt >= 0 && rest[reasonAt + 1] ? { reason: rest[reasonAt + 1] } : {}),
      dryRun: rest.includes('--dry-run'),
    }, { keys, kms, audit, actor: cfg.CWP_ACTOR, role: cfg.CWP_ROLE, rotationDays: cfg.KEY_ROTATION_DAYS }));
    return 0;
  } catch (e) {
    err(`cwp-keys ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof AuthorizationError ? 3 : e instanceof PlatformError && e.code.endsWith('_REQUIRED') ? 2 : 1;
  } finally {
    await keys.close();
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`cwp-keys: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
