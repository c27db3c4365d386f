// /healthz (alive), /readyz (PostgreSQL answers; Kafka is reported but not required, since alerts
// wait in the outbox), /metrics, from the shared ops routes. No authentication: they reveal nothing about budgets.
import type { FastifyPluginCallback } from 'fastify';
import { opsRoutes as sharedOpsRoutes } from '@cwp/observability';
import type { LedgerContext } from '../context.js';

/** The ops routes. */
export const opsRoutes: FastifyPluginCallback<{ ctx: LedgerContext }> = (app, { ctx }, done) => {
  void app.register(sharedOpsRoutes, {
    registry: ctx.metrics.registry,
    probes: { postgres: () => ctx.pool.query('SELECT 1'), kafka: () => ctx.producer.isConnected() },
    required: ['postgres'],
  });
  done();
};
