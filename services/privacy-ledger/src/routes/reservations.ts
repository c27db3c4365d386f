// POST /v1/reservations, /v1/reservations/:id/commit, /v1/reservations/:id/release.
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import type { LedgerContext } from '../context.js';
import type { LedgerAnswer } from '../ledger-store.js';
import { requireRole } from '../plugins/authenticate.js';
import { parse, reservationParams, reserveBody } from './validation.js';

/** Sends a store answer; kicks the alert outbox when the operation created alerts. */
export function answer(ctx: LedgerContext, reply: FastifyReply, operation: string, a: LedgerAnswer): FastifyReply {
  ctx.metrics.operations.inc({ operation, outcome: a.outcome });
  if (a.newAlerts > 0) void ctx.outbox.drain();
  if (a.replayOf !== undefined) void reply.header('idempotent-replay', 'true').header('reservation-state', a.replayOf);
  return reply.code(a.status).send(a.body);
}

/** The reservation routes. */
export const reservationRoutes: FastifyPluginCallback<{ ctx: LedgerContext }> = (app, { ctx }, done) => {
  const spenders = ['aggregator', 'admin'] as const;
  app.post('/reservations', { preHandler: requireRole(ctx, 'privacy_budget.reserve', ...spenders) }, async (request, reply) => {
    const body = parse(reserveBody, request.body, 'body');
    return answer(ctx, reply, 'reserve', await ctx.store.reserve(body, request.caller!));
  });
  app.post('/reservations/:id/commit', { preHandler: requireRole(ctx, 'privacy_budget.commit', ...spenders) }, async (request, reply) => {
    const { id } = parse(reservationParams, request.params, 'params');
    return answer(ctx, reply, 'commit', await ctx.store.commit(id, request.caller!));
  });
  app.post('/reservations/:id/release', { preHandler: requireRole(ctx, 'privacy_budget.release', ...spenders) }, async (request, reply) => {
    const { id } = parse(reservationParams, request.params, 'params');
    return answer(ctx, reply, 'release', await ctx.store.release(id, request.caller!));
  });
  done();
};
