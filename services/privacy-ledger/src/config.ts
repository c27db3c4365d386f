// The ledger's environment, read once with zod (@cwp/config) and frozen; every bad variable is
// reported in one ConfigError.
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import { commonEnv, kafkaSecurityEnv, loadConfig, port } from '@cwp/config';
import { DEFAULT_BUDGETS_FILE } from './budgets-config.js';

const positiveInt = z.coerce.number().int().positive();
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const topic = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Environment variables of the ledger. */
export const ledgerEnv = {
  KAFKA_BROKERS: commonEnv.KAFKA_BROKERS,
  ...kafkaSecurityEnv,
  SCHEMA_REGISTRY_URL: commonEnv.SCHEMA_REGISTRY_URL,
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL (budgets, reservations, alert outbox, audit trail)'),
  LEDGER_HOST: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
  LEDGER_PORT: port.default(8090).describe('port to listen on (HTTPS when the TLS files are set)'),
  LEDGER_DB_SCHEMA: identifier.default('ledger').describe('PostgreSQL schema of the ledger tables'),
  LEDGER_MIGRATE_ON_START: bool.default(true).describe('apply the ledger migrations at start-up'),
  AUDIT_SCHEMA: identifier.default('audit').describe('PostgreSQL schema of the audit trail (migrated with `audit migrate`)'),
  LEDGER_BUDGETS_FILE: z.string().min(1).default(DEFAULT_BUDGETS_FILE).describe('JSON budgets file (caps and per-release ε)'),
  LEDGER_CREDENTIALS_FILE: z.string().min(1).optional().describe('JSON file of caller credentials: {credentials: [{name, role, tokenSha256}]}'),
  LEDGER_CREDENTIALS_JSON: z.string().min(1).optional().describe('the same JSON inline (takes precedence over the file)'),
  LEDGER_ALERT_TOPIC: topic.default('alerts.security.v1').describe('topic of budget threshold alerts (cwp.alerts.SecurityAlert)'),
  LEDGER_ALERT_RETRY_MS: positiveInt.default(5000).describe('how often unsent alerts are retried, ms'),
  LEDGER_PRODUCE_TIMEOUT_MS: positiveInt.default(10_000).describe('longest wait for Kafka to acknowledge an alert, ms'),
  LEDGER_MAX_BODY_BYTES: positiveInt.default(16_384).describe('largest request body, bytes'),
  LEDGER_TLS_CERT_FILE: z.string().min(1).optional().describe('PEM server certificate; with the key file, serve HTTPS (TLS 1.3 only)'),
  LEDGER_TLS_KEY_FILE: z.string().min(1).optional().describe('PEM server private key'),
};

/** Validated, frozen ledger configuration. */
export type LedgerConfig = ReturnType<typeof loadConfig<typeof ledgerEnv>>;

/** Reads and checks the environment; one ConfigError naming every bad variable. */
export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const config = loadConfig(ledgerEnv, env);
  const problems: string[] = [];
  if (config.LEDGER_CREDENTIALS_FILE === undefined && config.LEDGER_CREDENTIALS_JSON === undefined) problems.push('  LEDGER_CREDENTIALS_FILE or LEDGER_CREDENTIALS_JSON: one is required (no caller could authenticate)');
  if ((config.LEDGER_TLS_CERT_FILE === undefined) !== (config.LEDGER_TLS_KEY_FILE === undefined)) problems.push('  LEDGER_TLS_CERT_FILE and LEDGER_TLS_KEY_FILE: set both or neither');
  if (problems.length > 0) throw new ConfigError(`invalid configuration, ${problems.length} variable(s) to fix:\n${problems.join('\n')}`);
  return config;
}
