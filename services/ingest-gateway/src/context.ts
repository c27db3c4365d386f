// What the route plugins share: built once by build(), passed as plugin options, never mutated.
import type { SchemaCatalog } from '@cwp/avro';
import type { AuthenticatedSource } from './auth/authenticator.js';
import type { GatewayConfig } from './config.js';
import type { ConsentReader } from './consent/consent-reader.js';
import type { ConsentStore } from './consent/consent-store.js';
import type { GatewayDeps } from './dependencies.js';
import type { EventValidator } from './event-schema.js';
import type { IdempotencyStore } from './idempotency.js';
import type { GatewayMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SecurityAlerter } from './security-alerts.js';

/** The gateway's collaborators. */
export interface GatewayContext {
  readonly config: GatewayConfig;
  readonly catalog: SchemaCatalog;
  readonly deps: GatewayDeps;
  readonly validator: EventValidator;
  readonly rateLimiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly metrics: GatewayMetrics;
  readonly alerter: SecurityAlerter;
  readonly consents: ConsentStore;
  readonly consentReader: ConsentReader;
  readonly clock: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated source; set by the authentication hook on every /v1 route. */
    source: AuthenticatedSource | null;
  }
}
