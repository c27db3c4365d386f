// /healthz, /readyz and /metrics as a fastify plugin, for HTTP services that serve them on their own
// app (the stages use buildOpsServer). Readiness is a set of named probes, each bounded in time;
// the service names which of them it cannot serve without.
import type { FastifyPluginCallback } from 'fastify';
import type { Registry } from 'prom-client';

/** One readiness probe: resolves (or returns true) when the dependency is usable. */
export type ReadinessProbe = () => Promise<unknown> | boolean;

/** What the ops routes report on. */
export interface OpsRoutesOptions {
  readonly registry: Registry;
  readonly probes: Readonly<Record<string, ReadinessProbe>>;
  /** Probes that must pass for /readyz to answer 200; the others are reported only. Default: all. */
  readonly required?: readonly string[];
  readonly probeTimeoutMs?: number;
}

/** True when `probe` succeeds within `timeoutMs`; never throws. */
export async function probeWithin(probe: ReadinessProbe, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      Promise.resolve().then(probe),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), timeoutMs); }),
    ]);
    return result !== false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Registers GET /healthz, /readyz and /metrics. Unauthenticated: expose them only inside the cluster. */
export const opsRoutes: FastifyPluginCallback<OpsRoutesOptions> = (app, options, done) => {
  const names = Object.keys(options.probes);
  const required = options.required ?? names;
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(names.map(async (n) => [n, await probeWithin(options.probes[n]!, options.probeTimeoutMs ?? 1000)] as const));
    const checks = Object.fromEntries(results);
    if (required.every((n) => checks[n] === true)) return { status: 'ready', checks };
    return reply.code(503).send({ status: 'not ready', checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.header('content-type', options.registry.contentType).send(body);
  });
  done();
};
