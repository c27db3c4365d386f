#!/usr/bin/env node
// Entry point: config → migrations → build → listen; SIGTERM/SIGINT close the server (in-flight
// requests finish, new ones get 503), drain pending alerts, then close the connections.
import { AUDIT_MIGRATIONS_DIR } from '@cwp/audit';
import { migrate } from '@cwp/db';
import { closeOnSignals, createLogger } from '@cwp/observability';
import { LEDGER_MIGRATIONS_DIR, build } from './app.js';
import { loadLedgerConfig } from './config.js';

const config = loadLedgerConfig();
const logger = createLogger({ service: 'privacy-ledger', level: config.LOG_LEVEL });
if (config.LEDGER_MIGRATE_ON_START) {
  const applied = await migrate({ databaseUrl: config.DATABASE_URL, dir: LEDGER_MIGRATIONS_DIR, schema: config.LEDGER_DB_SCHEMA });
  // The audit schema too (idempotent, shared with other services): every ledger transaction appends to it.
  const audit = await migrate({ databaseUrl: config.DATABASE_URL, dir: AUDIT_MIGRATIONS_DIR, schema: config.AUDIT_SCHEMA });
  logger.info({ applied: applied.length + audit.length, schema: config.LEDGER_DB_SCHEMA, auditSchema: config.AUDIT_SCHEMA }, 'ledger and audit migrations applied');
}
const app = await build({ config, logger });
await app.listen({ host: config.LEDGER_HOST, port: config.LEDGER_PORT });
logger.info({ tls: config.LEDGER_TLS_CERT_FILE !== undefined, alertTopic: config.LEDGER_ALERT_TOPIC }, 'privacy ledger listening');

closeOnSignals(() => app.close(), logger);
