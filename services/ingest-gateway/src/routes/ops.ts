// /healthz (the process is alive), /readyz (PostgreSQL, Redis and the Kafka producer are usable),
// /metrics (Prometheus text), from the shared ops routes. Unauthenticated: expose them only inside the cluster.
import type { FastifyPluginCallback } from 'fastify';
import { opsRoutes as sharedOpsRoutes } from '@cwp/observability';
import type { GatewayContext } from '../context.js';

/** The ops route plugin. */
export const opsRoutes: FastifyPluginCallback<{ ctx: GatewayContext }> = (app, { ctx }, done) => {
  void app.register(sharedOpsRoutes, {
    registry: ctx.metrics.registry,
    probes: {
      postgres: () => ctx.deps.pool.query('SELECT 1'),
      redis: () => ctx.deps.redis.ping(),
      kafka: () => {
        const connected = ctx.deps.producer.isConnected();
        if (!connected) void ctx.deps.producer.connect().catch(() => undefined);
        return connected;
      },
    },
  });
  done();
};
