#!/usr/bin/env node
// `cwp-decrypt`: decrypt one record of events.encrypted.v1 for an authorised reader, audited.
//   cwp-decrypt --partition <p> --offset <o> --purpose "<case reference and reason>" [--topic events.encrypted.v1]
// Environment: CWP_ACTOR, CWP_ROLE (CHILD_PROTECTION_OFFICER or AUDITOR), KAFKA_BROKERS,
// SCHEMA_REGISTRY_URL, DATABASE_URL, KEYS_SCHEMA, AUDIT_SCHEMA, the KMS variables.
// Prints the decrypted event as JSON on stdout (the reader asked for it); nothing else is logged.
// Exit codes: 0 done, 1 failed (e.g. KEY_SHREDDED), 2 usage/config, 3 not authorised.
import { z } from 'zod';
import { AVRO_OPTIONS, ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { createAuditLog } from '@cwp/audit';
import { brokerList, loadConfig } from '@cwp/config';
import { createPgKeyStore } from '@cwp/crypto';
import { createPool } from '@cwp/db';
import { AuthorizationError } from '@cwp/errors';
import { createSerde } from '@cwp/registry';
import { createAuthorisedDecryptor } from '../decrypt-event.js';
import { planEncryption } from '../encryption-plan.js';
import { createKmsFromConfig, keyStoreEnv } from '../kms-config.js';
import { readRecordValue } from './read-record.js';

const err = (s: string): boolean => process.stderr.write(`${s}\n`);

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const partition = flag(argv, 'partition');
  const offset = flag(argv, 'offset');
  const purpose = flag(argv, 'purpose');
  if (partition === undefined || !/^\d+$/.test(partition) || offset === undefined || !/^\d+$/.test(offset) || !purpose) {
    err('usage: cwp-decrypt --partition <p> --offset <o> --purpose "<why>" [--topic events.encrypted.v1]');
    return 2;
  }
  const cfg = loadConfig({
    ...keyStoreEnv,
    KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers'),
    SCHEMA_REGISTRY_URL: z.url().describe('schema registry URL'),
    AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit chain'),
    CWP_ACTOR: z.string().min(1).describe('who reads (person id), recorded in the audit log'),
    CWP_ROLE: z.string().min(1).describe('reader role: CHILD_PROTECTION_OFFICER or AUDITOR'),
  });
  const bytes = await readRecordValue(cfg.KAFKA_BROKERS, flag(argv, 'topic') ?? 'events.encrypted.v1', Number(partition), offset);
  if (!bytes) { err('that offset holds no value'); return 1; }
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-decrypt', max: 2 });
  const keys = await createPgKeyStore({ pool, kms: createKmsFromConfig(cfg), schema: cfg.KEYS_SCHEMA, cacheMaxEntries: 0 });
  try {
    const decryptor = createAuthorisedDecryptor({
      serde: createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS }),
      keys, plan: planEncryption(loadSchemaCatalog().resolve(ENCRYPTED_EVENT_NAME)), audit: createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA }),
    });
    const event = await decryptor.decrypt(bytes, { actor: cfg.CWP_ACTOR, role: cfg.CWP_ROLE, purpose });
    process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
    return 0;
  } catch (e) {
    err(`cwp-decrypt: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof AuthorizationError ? 3 : 1;
  } finally {
    await keys.close();
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`cwp-decrypt: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
