// One error handler for the whole app: every failure becomes {error: {code, message, details?}}
// with the status from the code registry. Framework and dependency errors are mapped to codes;
// their own messages (which may quote the body, e.g. JSON syntax errors) never reach the caller.
import type { FastifyError, FastifyInstance } from 'fastify';
import { PlatformError } from '@cwp/errors';
import { GatewayError } from '../errors.js';

const RETRY_AFTER_S = 5;

/** Maps anything thrown in a request to the GatewayError answered for it. */
export function toGatewayError(err: unknown, bodyLimit: number): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as Partial<FastifyError> | null)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new GatewayError('BODY_TOO_LARGE', { message: `The body exceeds ${bodyLimit} bytes; send smaller batches.` });
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new GatewayError('UNSUPPORTED_MEDIA_TYPE');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return new GatewayError('BODY_NOT_JSON');
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new GatewayError('BODY_INVALID');
  if (err instanceof PlatformError && err.retriable) {
    return new GatewayError(err.code === 'KAFKA_UNAVAILABLE' ? 'KAFKA_UNAVAILABLE' : 'STORE_UNAVAILABLE', { retryAfterS: RETRY_AFTER_S, cause: err });
  }
  return new GatewayError('INTERNAL', { cause: err });
}

/** Wraps a Redis / PostgreSQL / registry failure as a retriable 503. */
export function storeUnavailable(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError('STORE_UNAVAILABLE', { retryAfterS: RETRY_AFTER_S, cause: err });
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandling(app: FastifyInstance, options: { readonly bodyLimit: number }): void {
  app.setErrorHandler((err, request, reply) => {
    const error = toGatewayError(err, options.bodyLimit);
    if (error.status >= 500) {
      const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
      // Messages of dependency errors name hosts and codes, not request content.
      request.log.error({ err: { code: error.code, causeCode: cause?.code, causeMessage: cause?.message } }, 'request failed');
    }
    if (error.retryAfterS !== undefined) void reply.header('retry-after', String(error.retryAfterS));
    return reply.code(error.status).send(error.toBody());
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(new GatewayError('NOT_FOUND').toBody()));
}
