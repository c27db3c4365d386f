// /healthz (alive), /readyz (PostgreSQL answers; Kafka is reported but not required, since alerts
// wait in the outbox), /metrics. No authentication: they reveal nothing about budgets.
import type { FastifyPluginCallback } from 'fastify';
import type { LedgerContext } from '../context.js';

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), timeoutMs); })]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The ops routes. */
export const opsRoutes: FastifyPluginCallback<{ ctx: LedgerContext }> = (app, { ctx }, done) => {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const postgres = await check(() => ctx.pool.query('SELECT 1'), 1000);
    const checks = { postgres, kafka: ctx.producer.isConnected() };
    if (postgres) return { status: 'ready', checks };
    return reply.code(503).send({ status: 'not ready', checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.header('content-type', ctx.metrics.registry.contentType).send(body);
  });
  done();
};
