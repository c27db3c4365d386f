#!/usr/bin/env node
// `cwp-break-glass`: grant one named person time-limited decryption access outside the reader roles.
//   cwp-break-glass grant <person id> --minutes <1-240> --reason "<incident reference and why no officer can read>"
// Run by a SECURITY_OFFICER (CWP_ROLE) as CWP_ACTOR, never for themselves. The grant is audited and
// raises a BREAK_GLASS alert on alerts.security.v1; it expires by itself and each use alerts again.
// Environment: CWP_ACTOR, CWP_ROLE, DATABASE_URL, KEYS_SCHEMA, AUDIT_SCHEMA, AUDIT_SIGNING_KEY_FILE,
// KAFKA_BROKERS, KAFKA_SASL_*, SCHEMA_REGISTRY_URL, SECURITY_ALERT_TOPIC.
// Exit codes: 0 granted, 1 failed, 2 usage/config/invalid request, 3 not authorised.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AVRO_OPTIONS } from '@cwp/avro';
import { createAuditLog, createCheckpointSigner } from '@cwp/audit';
import { brokerList, kafkaSecurityEnv, loadConfig } from '@cwp/config';
import { createPool } from '@cwp/db';
import { AuthorizationError, ValidationError } from '@cwp/errors';
import { createSerde } from '@cwp/registry';
import { createSecurityAlertSink, kafkaSecurityOf } from '@cwp/stream-runtime';
import { BREAK_GLASS_MAX_MINUTES, createPgBreakGlassStore, grantBreakGlass } from '../break-glass.js';

const USAGE = `usage: cwp-break-glass grant <person id> --minutes <1-${BREAK_GLASS_MAX_MINUTES}> --reason "<incident reference and why>"`;
const err = (s: string): boolean => process.stderr.write(`${s}\n`);

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, grantee, ...rest] = argv;
  const minutes = Number(flag(rest, 'minutes'));
  const reason = flag(rest, 'reason');
  if (cmd !== 'grant' || !grantee || grantee.startsWith('--') || !reason || !Number.isFinite(minutes)) { err(USAGE); return 2; }
  const cfg = loadConfig({
    DATABASE_URL: z.string().min(1).describe('PostgreSQL URL (keys and audit schemas)'),
    KEYS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('keys').describe('PostgreSQL schema of the keys (and break-glass grants)'),
    AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit chain'),
    AUDIT_SIGNING_KEY_FILE: z.string().optional().describe('Ed25519 PKCS#8 PEM that signs audit checkpoints'),
    KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers'),
    ...kafkaSecurityEnv,
    SCHEMA_REGISTRY_URL: z.url().describe('schema registry URL'),
    SECURITY_ALERT_TOPIC: z.string().min(1).default('alerts.security.v1').describe('topic of SOC alerts'),
    CWP_ACTOR: z.string().min(1).describe('the security officer granting (person id), recorded in the audit log'),
    CWP_ROLE: z.string().min(1).describe('must be SECURITY_OFFICER'),
  });
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-break-glass', max: 2 });
  const serde = createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS });
  const alerts = createSecurityAlertSink({ brokers: cfg.KAFKA_BROKERS, security: kafkaSecurityOf(cfg), serde, topic: cfg.SECURITY_ALERT_TOPIC, clientId: 'cwp-break-glass' });
  const audit = createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA, ...(cfg.AUDIT_SIGNING_KEY_FILE ? { signer: createCheckpointSigner(readFileSync(cfg.AUDIT_SIGNING_KEY_FILE, 'utf8')) } : {}) });
  try {
    const grant = await grantBreakGlass({ actor: grantee, reason, minutes }, { store: createPgBreakGlassStore(pool, cfg.KEYS_SCHEMA), audit, alerts, actor: cfg.CWP_ACTOR, role: cfg.CWP_ROLE });
    process.stdout.write(`break-glass grant ${grant.grantId} for ${grant.actor} until ${grant.expiresAt.toISOString()} (audited; the SOC was alerted)\n`);
    return 0;
  } catch (e) {
    err(`cwp-break-glass: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof AuthorizationError) return 3;
    return e instanceof ValidationError ? 2 : 1;
  } finally {
    await alerts.close();
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`cwp-break-glass: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
