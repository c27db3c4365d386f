// One error handler: every failure becomes {error: {code, message, details?}} with the status from
// the code registry. Framework messages (which may quote the body) never reach the caller.
import type { FastifyError, FastifyInstance } from 'fastify';
import { classifyPgError } from '@cwp/db';
import { PlatformError } from '@cwp/errors';
import { LedgerError } from '../errors.js';

/** Maps anything thrown in a request to the LedgerError answered for it. */
export function toLedgerError(err: unknown): LedgerError {
  if (err instanceof LedgerError) return err;
  const code = (err as Partial<FastifyError> | null)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new LedgerError('BODY_TOO_LARGE');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new LedgerError('UNSUPPORTED_MEDIA_TYPE');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return new LedgerError('BODY_NOT_JSON');
  const classified = classifyPgError(err);
  if (classified instanceof PlatformError && classified.retriable) return new LedgerError('STORE_UNAVAILABLE', { cause: err });
  return new LedgerError('INTERNAL', { cause: err });
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const error = toLedgerError(err);
    if (error.status >= 500) {
      const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
      request.log.error({ err: { code: error.code, causeCode: cause?.code, causeMessage: cause?.message } }, 'request failed');
    }
    if (error.status === 503) void reply.header('retry-after', '5');
    return reply.code(error.status).send(error.toBody());
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(new LedgerError('NOT_FOUND').toBody()));
}
