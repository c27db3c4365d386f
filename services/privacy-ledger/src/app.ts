// build(options) assembles the ledger without listening: tests drive it with app.inject(), main.ts
// listens. Ops routes sit at the root; everything under /v1 is authenticated in its own scope.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { AVRO_OPTIONS } from '@cwp/avro';
import { createPool } from '@cwp/db';
import type { Logger } from '@cwp/observability';
import { createLogger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import { createSerde } from '@cwp/registry';
import { createAlertOutbox } from './alert-outbox.js';
import type { AlertProducer } from './alert-producer.js';
import { createAlertProducer } from './alert-producer.js';
import type { BudgetsConfig } from './budgets-config.js';
import { loadBudgets } from './budgets-config.js';
import type { LedgerConfig } from './config.js';
import type { LedgerContext } from './context.js';
import { kafkaSecurityOf } from '@cwp/stream-runtime';
import type { CredentialStore } from './credentials.js';
import { loadCredentials } from './credentials.js';
import { createLedgerStore } from './ledger-store.js';
import type { LedgerMetrics } from './metrics.js';
import { createLedgerMetrics } from './metrics.js';
import { periodOf } from './period.js';
import { authenticateHook } from './plugins/authenticate.js';
import { installErrorHandling } from './plugins/error-handling.js';
import { budgetRoutes } from './routes/budgets.js';
import { opsRoutes } from './routes/ops.js';
import { reservationRoutes } from './routes/reservations.js';

/** Folder of the ledger's SQL migrations, for @cwp/db's migrate(). */
export const LEDGER_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** What build() needs; everything but `config` is optional and injected by tests. */
export interface BuildOptions {
  readonly config: LedgerConfig;
  readonly logger?: Logger;
  readonly pool?: pg.Pool;
  readonly producer?: AlertProducer;
  readonly serde?: Serde;
  readonly budgets?: BudgetsConfig;
  readonly credentials?: CredentialStore;
  readonly metrics?: LedgerMetrics;
  readonly clock?: () => number;
}

/** Builds the ledger app (not listening). Budgets and credentials are read and validated here, once. */
export async function build(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ service: 'privacy-ledger', level: config.LOG_LEVEL });
  const budgets = options.budgets ?? loadBudgets(config.LEDGER_BUDGETS_FILE);
  const credentials = options.credentials ?? loadCredentials({ file: config.LEDGER_CREDENTIALS_FILE, json: config.LEDGER_CREDENTIALS_JSON });
  const metrics = options.metrics ?? createLedgerMetrics();
  const clock = options.clock ?? Date.now;
  const closers: (() => Promise<unknown>)[] = [];
  const pool = options.pool ?? createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-privacy-ledger' }, (err) => logger.warn({ err: { message: err.message, code: err.code } }, 'idle PostgreSQL connection failed'));
  if (!options.pool) closers.push(() => pool.end());
  const producer = options.producer ?? createAlertProducer({ brokers: config.KAFKA_BROKERS, security: kafkaSecurityOf(config), timeoutMs: config.LEDGER_PRODUCE_TIMEOUT_MS, logger });
  if (!options.producer) closers.unshift(() => producer.disconnect());
  const serde = options.serde ?? createSerde({ url: config.SCHEMA_REGISTRY_URL, avroOptions: { ...AVRO_OPTIONS } });
  const currentPeriod = (): string => periodOf(clock());

  const ctx: LedgerContext = Object.freeze({
    pool, budgets, credentials, producer, metrics, logger, currentPeriod,
    store: createLedgerStore({ pool, schema: config.LEDGER_DB_SCHEMA, auditSchema: config.AUDIT_SCHEMA, budgets, currentPeriod }),
    outbox: createAlertOutbox({ pool, schema: config.LEDGER_DB_SCHEMA, producer, serde, topic: config.LEDGER_ALERT_TOPIC, logger, metrics }),
  });

  const https = config.LEDGER_TLS_CERT_FILE && config.LEDGER_TLS_KEY_FILE
    ? { cert: readFileSync(config.LEDGER_TLS_CERT_FILE), key: readFileSync(config.LEDGER_TLS_KEY_FILE), minVersion: 'TLSv1.3' as const }
    : null;
  // Fastify's own per-request lines would carry URLs (reservation ids); the onResponse hook logs instead.
  const common = { loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: config.LEDGER_MAX_BODY_BYTES, return503OnClosing: true } as const;
  // The https and http instances differ only in their raw server type; routes never touch it.
  const app = (https ? Fastify({ ...common, https }) : Fastify(common)) as unknown as FastifyInstance;

  app.decorateRequest('caller', null);
  installErrorHandling(app);
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, status: String(reply.statusCode) });
    // Route pattern and caller name only: never the URL (it holds reservation ids) or the body.
    request.log.info({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, caller: request.caller?.name }, 'request');
    done();
  });
  await app.register(opsRoutes, { ctx });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', authenticateHook(ctx));
      await v1.register(reservationRoutes, { ctx });
      await v1.register(budgetRoutes, { ctx });
    },
    { prefix: '/v1' },
  );

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', (done) => {
    // Alerts decided before a crash or while Kafka was down go out now, then periodically.
    void ctx.outbox.drain();
    timer = setInterval(() => void ctx.outbox.drain(), config.LEDGER_ALERT_RETRY_MS);
    timer.unref();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await ctx.outbox.drain();
    for (const close of closers) await close().catch(() => undefined);
  });
  return app;
}
