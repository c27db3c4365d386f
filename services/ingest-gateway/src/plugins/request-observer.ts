// Counts and logs every answered request by route pattern and status. Never the URL itself (it may
// hold a child id), the body, or headers.
import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../metrics.js';

/** Installs the onResponse hook on the root instance. */
export function installRequestObserver(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.requests.inc({ route, status: String(status) });
    const line = { method: request.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10, keyId: request.source?.keyId };
    if (status >= 500) request.log.warn(line, 'request');
    else if (status >= 400) request.log.info(line, 'request');
    else request.log.debug(line, 'request');
    done();
  });
}
