// /healthz (the process is alive), /readyz (PostgreSQL, Redis and the Kafka producer are usable),
// /metrics (Prometheus text). Unauthenticated: expose them only inside the cluster.
import type { FastifyPluginCallback } from 'fastify';
import type { GatewayContext } from '../context.js';

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

/** The ops route plugin. */
export const opsRoutes: FastifyPluginCallback<{ ctx: GatewayContext }> = (app, { ctx }, done) => {
  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const [postgres, redis] = await Promise.all([check(() => ctx.deps.pool.query('SELECT 1'), 1000), check(() => ctx.deps.redis.ping(), 1000)]);
    const kafka = ctx.deps.producer.isConnected();
    if (!kafka) void ctx.deps.producer.connect().catch(() => undefined);
    const checks = { postgres, redis, kafka };
    if (postgres && redis && kafka) return { status: 'ready', checks };
    return reply.code(503).send({ status: 'not ready', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.header('content-type', ctx.metrics.registry.contentType).send(body);
  });
  done();
};
