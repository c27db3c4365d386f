// The ops server every process runs: /healthz (alive), /readyz (ready to do its job), /metrics.
// build is separate from listen so tests use app.inject() and never a socket.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** What the ops server reports on. */
export interface OpsServerOptions {
  readonly registry: Registry;
  /** True when the process can do its job (a stage: consumer connected and partitions assigned). */
  readonly isReady: () => boolean;
  /** Why it is not ready, for /readyz bodies; never secrets. */
  readonly notReadyReason?: () => string;
}

/** Builds (does not start) the ops server. */
export function buildOpsServer(options: OpsServerOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (options.isReady()) return { status: 'ready' };
    return reply.code(503).send({ status: 'not ready', reason: options.notReadyReason?.() ?? 'starting' });
  });
  app.get('/metrics', async (_req, reply) => {
    const body = await options.registry.metrics();
    return reply.header('content-type', options.registry.contentType).send(body);
  });
  return app;
}
