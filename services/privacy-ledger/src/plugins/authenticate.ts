// Authentication (onRequest of the /v1 scope, before any body is read) and authorisation (a
// preHandler per route naming the roles allowed). 401 and 403 answers carry a reason code only;
// 403s are audited, since the caller is known.
import type { FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { LedgerContext } from '../context.js';
import type { Role } from '../credentials.js';
import { LedgerError } from '../errors.js';

/** The onRequest hook: sets request.caller or throws 401. */
export function authenticateHook(ctx: LedgerContext): onRequestAsyncHookHandler {
  return (request: FastifyRequest) => {
    const result = ctx.credentials.authenticate(request.headers.authorization);
    if (!result.ok) {
      ctx.metrics.authFailures.inc({ reason: result.code });
      return Promise.reject(new LedgerError(result.code));
    }
    request.caller = result.caller;
    return Promise.resolve();
  };
}

/** A preHandler allowing only `roles`; the refusal is audited as action `action`. */
export function requireRole(ctx: LedgerContext, action: string, ...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const caller = request.caller;
    if (!caller) throw new LedgerError('AUTH_MISSING');
    if (roles.includes(caller.role)) return;
    ctx.metrics.authFailures.inc({ reason: 'FORBIDDEN_ROLE' });
    await ctx.store.auditDenied(caller, action, null, 'FORBIDDEN_ROLE');
    throw new LedgerError('FORBIDDEN_ROLE');
  };
}
