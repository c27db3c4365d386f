#!/usr/bin/env node
// `cwp-decrypt`: authorised, audited decryption.
//   cwp-decrypt --partition <p> --offset <o> --purpose "<case reference and reason>" [--topic events.encrypted.v1]
//       decrypt one record of events.encrypted.v1 (CWP_ROLE CHILD_PROTECTION_OFFICER or AUDITOR)
//   cwp-decrypt alert-identity --partition <p> --offset <o> --purpose "<why>" [--topic alerts.child-safety.v1]
//       open the identity envelope of one child-safety alert (CWP_ROLE CHILD_PROTECTION_OFFICER only)
// Environment: CWP_ACTOR, CWP_ROLE, KAFKA_BROKERS, KAFKA_SASL_*, SCHEMA_REGISTRY_URL, DATABASE_URL,
// KEYS_SCHEMA, AUDIT_SCHEMA, the KMS variables, SECURITY_ALERT_TOPIC, BULK_DECRYPTION_*.
// Outside the reader roles, a person with a valid break-glass grant (cwp-break-glass) may read
// events; each such read raises a BREAK_GLASS alert first. Refusals raise AUTHORIZATION_FAILURE.
// Prints the decrypted event (or {alertId, childPseudonym, childId}) as JSON on stdout (the reader
// asked for it); nothing else is logged.
// Exit codes: 0 done, 1 failed (e.g. KEY_SHREDDED), 2 usage/config, 3 not authorised.
import { z } from 'zod';
import type { ChildSafetyAlert } from '@cwp/avro';
import { AVRO_OPTIONS } from '@cwp/avro';
import { createAuditLog } from '@cwp/audit';
import { brokerList, kafkaSecurityEnv, loadConfig } from '@cwp/config';
import { createKeyStoreFromConfig, keyStoreEnv } from '@cwp/crypto';
import { createPool } from '@cwp/db';
import { AuthorizationError } from '@cwp/errors';
import { createSerde } from '@cwp/registry';
import { createSecurityAlertSink, kafkaSecurityOf } from '@cwp/stream-runtime';
import { createPgBreakGlassStore } from '../break-glass.js';
import { createAlertIdentityOpener } from '../decrypt-alert-identity.js';
import { createAuthorisedDecryptor } from '../decrypt-event.js';
import { readRecordValue } from './read-record.js';

const err = (s: string): boolean => process.stderr.write(`${s}\n`);
const USAGE = 'usage: cwp-decrypt [alert-identity] --partition <p> --offset <o> --purpose "<why>" [--topic <topic>]';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const alertMode = argv[0] === 'alert-identity';
  const args = alertMode ? argv.slice(1) : argv;
  const partition = flag(args, 'partition');
  const offset = flag(args, 'offset');
  const purpose = flag(args, 'purpose');
  if (partition === undefined || !/^\d+$/.test(partition) || offset === undefined || !/^\d+$/.test(offset) || !purpose) {
    err(USAGE);
    return 2;
  }
  const cfg = loadConfig({
    ...keyStoreEnv,
    KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers'),
    ...kafkaSecurityEnv,
    SCHEMA_REGISTRY_URL: z.url().describe('schema registry URL'),
    AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit chain'),
    CWP_ACTOR: z.string().min(1).describe('who reads (person id), recorded in the audit log'),
    CWP_ROLE: z.string().min(1).describe('reader role: CHILD_PROTECTION_OFFICER (or AUDITOR for events only; any role under a break-glass grant)'),
    SECURITY_ALERT_TOPIC: z.string().min(1).default('alerts.security.v1').describe('topic of SOC alerts (refusals, break-glass use, bulk decryption)'),
    BULK_DECRYPTION_THRESHOLD: z.coerce.number().int().positive().default(50).describe('successful decryptions by one reader within the window that raise BULK_DECRYPTION'),
    BULK_DECRYPTION_WINDOW_MS: z.coerce.number().int().positive().default(3_600_000).describe('the bulk-decryption window'),
  });
  const topic = flag(args, 'topic') ?? (alertMode ? 'alerts.child-safety.v1' : 'events.encrypted.v1');
  const bytes = await readRecordValue({ brokers: cfg.KAFKA_BROKERS, security: kafkaSecurityOf(cfg) }, topic, Number(partition), offset);
  if (!bytes) { err('that offset holds no value'); return 1; }
  const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-decrypt', max: 2 });
  // A reader process: no DEK cache and no invalidation bus, every read goes to PostgreSQL and the KMS.
  const keys = await createKeyStoreFromConfig({ ...cfg, REDIS_URL: undefined }, pool, { cacheMaxEntries: 0 });
  const serde = createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS });
  const audit = createAuditLog({ pool, schema: cfg.AUDIT_SCHEMA });
  const alerts = createSecurityAlertSink({ brokers: cfg.KAFKA_BROKERS, security: kafkaSecurityOf(cfg), serde, topic: cfg.SECURITY_ALERT_TOPIC, clientId: 'cwp-decrypt' });
  const reader = { actor: cfg.CWP_ACTOR, role: cfg.CWP_ROLE, purpose };
  try {
    if (alertMode) {
      const { value: alert } = await serde.decode<ChildSafetyAlert>(bytes);
      const childId = await createAlertIdentityOpener({ keys, audit }).open(alert, reader);
      process.stdout.write(`${JSON.stringify({ alertId: alert.alertId, childPseudonym: alert.childPseudonym, childId }, null, 2)}\n`);
      return 0;
    }
    const decryptor = createAuthorisedDecryptor({
      serde, keys, audit, alerts,
      breakGlass: createPgBreakGlassStore(pool, cfg.KEYS_SCHEMA), bulk: { threshold: cfg.BULK_DECRYPTION_THRESHOLD, windowMs: cfg.BULK_DECRYPTION_WINDOW_MS },
    });
    const event = await decryptor.decrypt(bytes, reader);
    process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
    return 0;
  } catch (e) {
    err(`cwp-decrypt: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof AuthorizationError ? 3 : 1;
  } finally {
    await alerts.close();
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
