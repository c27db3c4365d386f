// The `gateway-sources` command, as a function of argv and environment (the entry file wires it to
// the process). Every change appends to the audit trail in the same transaction lifetime: if the
// audit append fails, the change is rolled back.
//   migrate                                  apply the gateway schema's migrations
//   create <source-system> [--cert-sha256 H] new source; prints <keyId>.<secret> once
//   rotate <keyId> [--grace-s N]             new secret; the old one stays valid N s (default GATEWAY_ROTATION_GRACE_S)
//   revoke <keyId>                           refuse the source from now on (403 SOURCE_REVOKED)
//   bind-cert <keyId> <sha256|none>          authenticate the source by its client certificate (mutual TLS)
//   list                                     key ids, systems, status, dates; never secrets
// Options: --actor <name> (else $OPERATOR) names the operator in the audit trail.
import type pg from 'pg';
import { z } from 'zod';
import type { AuditLog } from '@cwp/audit';
import { createAuditLog } from '@cwp/audit';
import { loadConfig } from '@cwp/config';
import { createPool, migrate } from '@cwp/db';
import { isKeyId, normalizeFingerprint } from '../auth/credentials.js';
import { GATEWAY_MIGRATIONS_DIR, createSourceStore } from '../auth/source-store.js';
import type { SourceStore } from '../auth/source-store.js';

/** Where the command writes. */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const USAGE = 'usage: gateway-sources migrate | create <source-system> [--cert-sha256 <hex>] | rotate <keyId> [--grace-s <n>] | revoke <keyId> | bind-cert <keyId> <sha256|none> | list   [--actor <name>]';

const cliEnv = {
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the gateway and audit schemas'),
  GATEWAY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('gateway').describe('PostgreSQL schema of the sources table'),
  AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('audit').describe('PostgreSQL schema of the audit trail'),
  GATEWAY_ROTATION_GRACE_S: z.coerce.number().int().min(0).default(86_400).describe('seconds the previous secret stays valid after a rotation'),
  OPERATOR: z.string().min(1).optional().describe('operator named in audit records unless --actor is given'),
};

function splitArgs(argv: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      flags.set(a.slice(2), argv[i + 1] ?? '');
      i++;
    } else positional.push(a);
  }
  return { positional, flags };
}

async function audited<T>(pool: pg.Pool, audit: AuditLog, change: (client: pg.PoolClient) => Promise<T | null>, entry: (result: T) => Parameters<AuditLog['append']>[0]): Promise<T | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await change(client);
    if (result !== null) await audit.append(entry(result));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Runs one command; resolves to the exit code (0 ok, 1 not found / refused, 2 usage). */
export async function runSourcesCommand(argv: readonly string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const { positional, flags } = splitArgs(argv);
  const [cmd, arg, arg2] = positional;
  const known = ['migrate', 'create', 'rotate', 'revoke', 'bind-cert', 'list'];
  if (!cmd || !known.includes(cmd)) { io.err(USAGE); return 2; }
  const cfg = loadConfig(cliEnv, env);
  if (cmd === 'migrate') {
    const applied = await migrate({ databaseUrl: cfg.DATABASE_URL, dir: GATEWAY_MIGRATIONS_DIR, schema: cfg.GATEWAY_DB_SCHEMA });
    io.out(`gateway schema ${cfg.GATEWAY_DB_SCHEMA}: ${applied.length} migration(s) applied`);
    return 0;
  }
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-gateway-sources', max: 2 });
  try {
    const store = createSourceStore(pool, cfg.GATEWAY_DB_SCHEMA);
    if (cmd === 'list') return await list(store, io);
    const actor = flags.get('actor') || cfg.OPERATOR;
    if (!actor) { io.err('name the operator: --actor <name> or OPERATOR=<name> (it goes into the audit trail)'); return 2; }
    const audit = createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA });
    const base = { actor, role: 'ADMIN', outcome: 'SUCCESS' as const };

    if (cmd === 'create') {
      const system = arg;
      if (!system || !/^[A-Za-z0-9._-]{1,100}$/.test(system)) { io.err('create needs a source-system name: 1 to 100 letters, digits or . _ -'); return 2; }
      const certFlag = flags.get('cert-sha256');
      const cert = certFlag === undefined ? null : normalizeFingerprint(certFlag);
      if (certFlag !== undefined && cert === null) { io.err('--cert-sha256 must be a SHA-256 fingerprint (64 hex digits, colons allowed)'); return 2; }
      const created = await audited(pool, audit, (c) => store.create(system, { clientCertSha256: cert }, c), (r) => ({
        ...base, action: 'SOURCE_CREATE', subject: r.row.keyId, details: { sourceSystem: system, certificateBound: cert !== null },
      }));
      if (!created) return 1;
      io.out(`source ${system} created with key id ${created.row.keyId}`);
      io.out('token (shown once; give it to the source over a secure channel, it cannot be recovered):');
      io.out(created.credential.token);
      return 0;
    }

    if (!arg || !isKeyId(arg)) { io.err(`${cmd} needs a key id (gk_ followed by 24 hex digits)`); return 2; }
    const keyId = arg;
    if (cmd === 'rotate') {
      const grace = flags.has('grace-s') ? Number(flags.get('grace-s')) : cfg.GATEWAY_ROTATION_GRACE_S;
      if (!Number.isInteger(grace) || grace < 0) { io.err('--grace-s must be a whole number of seconds'); return 2; }
      const rotated = await audited(pool, audit, (c) => store.rotate(keyId, grace, c), (r) => ({
        ...base, action: 'SOURCE_ROTATE', subject: keyId, details: { sourceSystem: r.row.sourceSystem, graceSeconds: grace, previousValidUntil: r.row.previousValidUntil?.toISOString() ?? null },
      }));
      if (!rotated) { io.err(`no active source with key id ${keyId}`); return 1; }
      io.out(`source ${rotated.row.sourceSystem} (${keyId}) rotated; the previous secret stays valid until ${rotated.row.previousValidUntil?.toISOString() ?? 'now'}`);
      io.out('token (shown once; give it to the source over a secure channel, it cannot be recovered):');
      io.out(rotated.credential.token);
      return 0;
    }
    if (cmd === 'revoke') {
      const revoked = await audited(pool, audit, (c) => store.revoke(keyId, c), (r) => ({ ...base, action: 'SOURCE_REVOKE', subject: keyId, details: { sourceSystem: r.sourceSystem } }));
      if (!revoked) { io.err(`no source with key id ${keyId}`); return 1; }
      io.out(`source ${revoked.sourceSystem} (${keyId}) revoked`);
      return 0;
    }
    // bind-cert
    const fingerprint = arg2 === 'none' ? null : normalizeFingerprint(arg2 ?? '');
    if (arg2 !== 'none' && fingerprint === null) { io.err('bind-cert needs a SHA-256 fingerprint (64 hex digits, colons allowed) or none'); return 2; }
    const bound = await audited(pool, audit, (c) => store.bindCertificate(keyId, fingerprint, c), (r) => ({
      ...base, action: 'SOURCE_BIND_CERT', subject: keyId, details: { sourceSystem: r.sourceSystem, certificateSha256: fingerprint },
    }));
    if (!bound) { io.err(`no source with key id ${keyId}`); return 1; }
    io.out(fingerprint ? `source ${bound.sourceSystem} (${keyId}) now authenticates by client certificate ${fingerprint}` : `source ${bound.sourceSystem} (${keyId}) has no certificate bound`);
    return 0;
  } finally {
    await pool.end();
  }
}

async function list(store: SourceStore, io: CommandIo): Promise<number> {
  const rows = await store.list();
  io.out(['KEY ID', 'SOURCE SYSTEM', 'STATUS', 'CREATED', 'ROTATED', 'CERT'].join('\t'));
  for (const r of rows) {
    io.out([r.keyId, r.sourceSystem, r.status, r.createdAt.toISOString(), r.rotatedAt?.toISOString() ?? '-', r.clientCertSha256 ? 'bound' : '-'].join('\t'));
  }
  return 0;
}
