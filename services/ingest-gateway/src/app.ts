// build(options) assembles the gateway without listening: tests drive it with app.inject(), main.ts
// listens. Ops routes sit at the root; everything under /v1 is authenticated in its own scope.
import { readFileSync } from 'node:fs';
import Fastify, { LogController } from 'fastify';
import type { FastifyHttpsOptions, FastifyInstance } from 'fastify';
import type { SchemaCatalog } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import type { Logger } from '@cwp/observability';
import { createLogger } from '@cwp/observability';
import { createAuthenticator } from './auth/authenticator.js';
import { createSourceStore } from './auth/source-store.js';
import type { GatewayConfig } from './config.js';
import { createConsentReader } from './consent/consent-reader.js';
import { createConsentStore } from './consent/consent-store.js';
import type { GatewayContext } from './context.js';
import type { GatewayDeps } from './dependencies.js';
import { createDependencies } from './dependencies.js';
import { createEventValidator } from './event-schema.js';
import { createIdempotencyStore } from './idempotency.js';
import type { GatewayMetrics } from './metrics.js';
import { createGatewayMetrics } from './metrics.js';
import { authenticateHook } from './plugins/authenticate.js';
import { installErrorHandling } from './plugins/error-handling.js';
import { installRequestObserver } from './plugins/request-observer.js';
import { createRateLimiter } from './rate-limiter.js';
import { consentRoutes } from './routes/consents.js';
import { eventsRoutes } from './routes/events.js';
import { opsRoutes } from './routes/ops.js';
import { createSecurityAlerter } from './security-alerts.js';

/** What build() needs; everything but `config` is optional and injected by tests. */
export interface BuildOptions {
  readonly config: GatewayConfig;
  readonly logger?: Logger;
  readonly catalog?: SchemaCatalog;
  /** Connections to reuse; the ones missing are created from `config` and closed with the app. */
  readonly deps?: Partial<GatewayDeps>;
  readonly metrics?: GatewayMetrics;
  readonly clock?: () => number;
}

/** TLS options for node:https from the configured files: TLS 1.3 only, client certificates requested when a client CA is set. */
export function tlsOptions(config: GatewayConfig): FastifyHttpsOptions<never>['https'] | null {
  if (config.GATEWAY_TLS_CERT_FILE === undefined || config.GATEWAY_TLS_KEY_FILE === undefined) return null;
  const ca = config.GATEWAY_TLS_CLIENT_CA_FILE === undefined ? undefined : readFileSync(config.GATEWAY_TLS_CLIENT_CA_FILE);
  return {
    cert: readFileSync(config.GATEWAY_TLS_CERT_FILE),
    key: readFileSync(config.GATEWAY_TLS_KEY_FILE),
    minVersion: 'TLSv1.3',
    ...(ca ? { ca, requestCert: true } : {}),
    // Sources without a certificate still authenticate with a bearer key, so the handshake accepts
    // them; the authenticator refuses any certificate that does not chain to the client CA.
    rejectUnauthorized: false,
  };
}

/** Builds the gateway app (not listening). Reads the schemas and validates them into zod once, here. */
export async function build(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ service: 'ingest-gateway', level: config.LOG_LEVEL });
  const catalog = options.catalog ?? loadSchemaCatalog();
  const metrics = options.metrics ?? createGatewayMetrics();
  const clock = options.clock ?? Date.now;
  const deps = createDependencies(config, logger, options.deps);
  const prefix = config.GATEWAY_REDIS_PREFIX;

  const ctx: GatewayContext = Object.freeze({
    config, catalog, deps, metrics, clock,
    validator: createEventValidator(catalog, { maxBatch: config.GATEWAY_MAX_BATCH }),
    rateLimiter: createRateLimiter({ redis: deps.redis, prefix, ratePerS: config.GATEWAY_RATE_PER_S, burst: config.GATEWAY_RATE_BURST }),
    idempotency: createIdempotencyStore({ redis: deps.redis, prefix, ttlS: config.GATEWAY_IDEMPOTENCY_TTL_S, pendingTtlS: Math.ceil(config.GATEWAY_PRODUCE_TIMEOUT_MS / 1000) + 30 }),
    alerter: createSecurityAlerter({
      redis: deps.redis, prefix, producer: deps.producer, serde: deps.serde, topic: config.GATEWAY_ALERT_TOPIC,
      authThreshold: config.GATEWAY_AUTH_ALERT_THRESHOLD, rateThreshold: config.GATEWAY_RATE_ALERT_THRESHOLD, logger, metrics, clock,
    }),
    consents: createConsentStore({ pool: deps.pool, schema: config.GATEWAY_DB_SCHEMA, audit: deps.audit }),
    consentReader: createConsentReader(deps.pool, { schema: config.GATEWAY_DB_SCHEMA }),
  });

  // Fastify's own request lines would log URLs (child ids); request-observer logs route patterns instead.
  const common = { loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: config.GATEWAY_MAX_BODY_BYTES, return503OnClosing: true } as const;
  const https = tlsOptions(config);
  // The https and http instances differ only in their raw server type; routes never touch it.
  const app = (https ? Fastify({ ...common, https }) : Fastify(common)) as unknown as FastifyInstance;

  app.decorateRequest('source', null);
  // JSON only: without this, text/plain bodies would reach the routes as strings.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app, { bodyLimit: config.GATEWAY_MAX_BODY_BYTES });
  installRequestObserver(app, metrics);
  await app.register(opsRoutes, { ctx });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', authenticateHook({ authenticate: createAuthenticator(createSourceStore(deps.pool, config.GATEWAY_DB_SCHEMA), clock), alerter: ctx.alerter, metrics }));
      await v1.register(eventsRoutes, { ctx });
      await v1.register(consentRoutes, { ctx });
    },
    { prefix: '/v1' },
  );

  app.addHook('onReady', (done) => {
    // Connect in the background: /readyz reports Kafka until it is up, and requests retry the connection.
    void deps.producer.connect().catch((err: unknown) => logger.warn({ err: { message: (err as Error).message } }, 'Kafka producer not connected yet'));
    done();
  });
  app.addHook('onClose', async () => {
    await deps.close();
  });
  return app;
}
