#!/usr/bin/env node
// `audit` command: migrate the audit schema, generate a checkpoint key, verify the chain.
//   audit migrate                         apply the audit schema's migrations
//   audit keygen <private-key-file>       write a new Ed25519 key (mode 600), print its public key
//   audit verify                          exit 0 when the chain verifies, 1 naming the first bad record
// Environment: DATABASE_URL, AUDIT_SCHEMA (default audit), AUDIT_PUBLIC_KEYS_FILE (PEM public keys);
// with KAFKA_BROKERS (+ KAFKA_SASL_*) and SCHEMA_REGISTRY_URL a broken chain also raises an
// AUDIT_CHAIN_BREAK SecurityAlert on SECURITY_ALERT_TOPIC (default alerts.security.v1) for the SOC.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AVRO_OPTIONS } from '@cwp/avro';
import { brokerList, kafkaSecurityEnv, loadConfig } from '@cwp/config';
import { createSerde } from '@cwp/registry';
import { createSecurityAlertSink, kafkaSecurityOf } from '@cwp/stream-runtime';
import { createPool, migrate } from '@cwp/db';
import { AUDIT_MIGRATIONS_DIR, createAuditLog, createCheckpointVerifier, keyIdOf } from '../index.js';

const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const err = (s: string): boolean => process.stderr.write(`${s}\n`);

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

async function main(argv: string[]): Promise<number> {
  const [cmd, arg] = argv;
  if (cmd === 'keygen') {
    if (!arg) { err('usage: audit keygen <private-key-file>'); return 2; }
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(arg, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    out(`# key id ${keyIdOf(publicKey)}; private key written to ${arg} (mode 600)`);
    out(String(publicKey.export({ type: 'spki', format: 'pem' })).trim());
    return 0;
  }
  if (cmd !== 'migrate' && cmd !== 'verify') {
    err('usage: audit migrate | audit verify | audit keygen <private-key-file>');
    return 2;
  }
  const cfg = loadConfig({
    DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the audit store'),
    AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit tables'),
    AUDIT_PUBLIC_KEYS_FILE: z.string().optional().describe('PEM file with the Ed25519 public keys that sign checkpoints'),
    KAFKA_BROKERS: brokerList.optional().describe('Kafka bootstrap servers: with SCHEMA_REGISTRY_URL, a broken chain is raised to the SOC'),
    ...kafkaSecurityEnv,
    SCHEMA_REGISTRY_URL: z.url().optional().describe('schema registry URL (for the AUDIT_CHAIN_BREAK alert)'),
    SECURITY_ALERT_TOPIC: z.string().min(1).default('alerts.security.v1').describe('topic of SOC alerts'),
  });
  if (cmd === 'migrate') {
    const applied = await migrate({ databaseUrl: cfg.DATABASE_URL, dir: AUDIT_MIGRATIONS_DIR, schema: cfg.AUDIT_SCHEMA });
    out(`audit schema ${cfg.AUDIT_SCHEMA}: ${applied.length} migration(s) applied`);
    return 0;
  }
  const verifier = cfg.AUDIT_PUBLIC_KEYS_FILE ? createCheckpointVerifier(pemBlocks(readFileSync(cfg.AUDIT_PUBLIC_KEYS_FILE, 'utf8'))) : null;
  if (!verifier) err('warning: AUDIT_PUBLIC_KEYS_FILE is not set: checkpoint signatures are not checked');
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-audit-verify', max: 1 });
  try {
    const report = await createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA }).verify(verifier);
    if (report.ok) {
      out(`audit chain OK: ${report.records} record(s), ${report.checkpoints} signed checkpoint(s), head at record ${report.headSeq}`);
      return 0;
    }
    out(`audit chain BROKEN at record ${report.firstBadSeq}: ${report.reason}`);
    if (!cfg.KAFKA_BROKERS || !cfg.SCHEMA_REGISTRY_URL) {
      err('warning: KAFKA_BROKERS or SCHEMA_REGISTRY_URL is not set: the SOC is not alerted; report the break yourself');
      return 1;
    }
    const alerts = createSecurityAlertSink({
      brokers: cfg.KAFKA_BROKERS, security: kafkaSecurityOf(cfg), serde: createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS }),
      topic: cfg.SECURITY_ALERT_TOPIC, clientId: 'cwp-audit-verify',
    });
    try {
      await alerts.raise({
        alertId: randomUUID(), category: 'AUDIT_CHAIN_BREAK', severity: 'CRITICAL', service: 'audit-verify', principal: null,
        description: `The audit chain of schema ${cfg.AUDIT_SCHEMA} fails verification at record ${report.firstBadSeq}: ${report.reason}`,
        occurredAt: Date.now(),
        attributes: { schema: cfg.AUDIT_SCHEMA, firstBadSeq: String(report.firstBadSeq), records: String(report.records), checkpoints: String(report.checkpoints) },
      });
      err(`AUDIT_CHAIN_BREAK raised on ${cfg.SECURITY_ALERT_TOPIC}`);
    } catch (e) {
      err(`error: the AUDIT_CHAIN_BREAK alert could not be sent (${e instanceof Error ? e.message : String(e)}); report the break yourself`);
    } finally {
      await alerts.close();
    }
    return 1;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`audit: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
