#!/usr/bin/env node
// Entry point: config → migrations → build → listen; SIGTERM/SIGINT close the server (in-flight
// requests finish and get their answer, new ones get 503) and then the connections.
import { migrate } from '@cwp/db';
import { closeOnSignals, createLogger } from '@cwp/observability';
import { build } from './app.js';
import { GATEWAY_MIGRATIONS_DIR } from './auth/source-store.js';
import { loadGatewayConfig } from './config.js';

const config = loadGatewayConfig();
const logger = createLogger({ service: 'ingest-gateway', level: config.LOG_LEVEL });
if (config.GATEWAY_MIGRATE_ON_START) {
  const applied = await migrate({ databaseUrl: config.DATABASE_URL, dir: GATEWAY_MIGRATIONS_DIR, schema: config.GATEWAY_DB_SCHEMA });
  logger.info({ applied: applied.length, schema: config.GATEWAY_DB_SCHEMA }, 'gateway migrations applied');
}
const app = await build({ config, logger });
await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
logger.info({ tls: config.GATEWAY_TLS_CERT_FILE !== undefined, mtls: config.GATEWAY_TLS_CLIENT_CA_FILE !== undefined, topic: config.GATEWAY_TOPIC }, 'ingest gateway listening');

closeOnSignals(() => app.close(), logger);
