// GET /v1/budgets/:stakeholder/:dataset?period=YYYY-MM (aggregator, admin) and
// PUT /v1/budgets/:stakeholder/:dataset {cap, period?} (admin only; the current month by default).
import type { FastifyPluginCallback } from 'fastify';
import type { LedgerContext } from '../context.js';
import { requireRole } from '../plugins/authenticate.js';
import { answer } from './reservations.js';
import { budgetParams, budgetQuery, capBody, parse } from './validation.js';

/** The budget routes. */
export const budgetRoutes: FastifyPluginCallback<{ ctx: LedgerContext }> = (app, { ctx }, done) => {
  app.get('/budgets/:stakeholder/:dataset', { preHandler: requireRole(ctx, 'privacy_budget.read', 'aggregator', 'admin') }, async (request, reply) => {
    const { stakeholder, dataset } = parse(budgetParams, request.params, 'params');
    const { period } = parse(budgetQuery, request.query, 'query');
    return answer(ctx, reply, 'read', await ctx.store.budget(stakeholder, dataset, period ?? ctx.currentPeriod(), request.caller!));
  });
  app.put('/budgets/:stakeholder/:dataset', { preHandler: requireRole(ctx, 'privacy_budget.set_cap', 'admin') }, async (request, reply) => {
    const { stakeholder, dataset } = parse(budgetParams, request.params, 'params');
    const { cap, period } = parse(capBody, request.body, 'body');
    return answer(ctx, reply, 'set_cap', await ctx.store.setCap(stakeholder, dataset, period ?? ctx.currentPeriod(), cap, request.caller!));
  });
  done();
};
