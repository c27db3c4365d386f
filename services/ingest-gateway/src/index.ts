// Public surface of @cwp/ingest-gateway. The consent reader is also exported alone as
// `@cwp/ingest-gateway/consent`, so the classifier can import it without fastify.
export { build, tlsOptions } from './app.js';
export type { BuildOptions } from './app.js';
export { gatewayEnv, loadGatewayConfig } from './config.js';
export type { GatewayConfig } from './config.js';
export { GATEWAY_ERRORS, GatewayError } from './errors.js';
export type { GatewayErrorCode, ErrorDetail } from './errors.js';
export { GATEWAY_MIGRATIONS_DIR, createSourceStore } from './auth/source-store.js';
export type { SourceStore, SourceRow } from './auth/source-store.js';
export { createAuthenticator } from './auth/authenticator.js';
export type { AuthenticatedSource, AuthResult, Credentials } from './auth/authenticator.js';
export { issueCredential, hashSecret, parseAuthorization, normalizeFingerprint } from './auth/credentials.js';
export { createEventValidator } from './event-schema.js';
export type { EventValidator, ValidatedEvent } from './event-schema.js';
export { canonicalJson, canonicalHash } from './canonical-json.js';
export { createGatewayMetrics } from './metrics.js';
export type { GatewayMetrics } from './metrics.js';
export { createDependencies } from './dependencies.js';
export type { GatewayDeps } from './dependencies.js';
export { createEventProducer } from './event-producer.js';
export type { EventProducer, OutgoingRecord } from './event-producer.js';
export * from './consent/index.js';
