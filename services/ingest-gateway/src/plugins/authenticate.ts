// onRequest hook of the /v1 scope: authenticates before the body is read, so an unauthenticated
// caller cannot make the gateway parse anything. Failures feed the security alerter.
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Credentials, createAuthenticator } from '../auth/authenticator.js';
import { normalizeFingerprint } from '../auth/credentials.js';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from '../metrics.js';
import type { SecurityAlerter } from '../security-alerts.js';
import { storeUnavailable } from './error-handling.js';

/** Transport credentials of a request: the Authorization header and, over mutual TLS, the client certificate. */
export function credentialsOf(request: FastifyRequest): Credentials {
  const socket = request.raw.socket as Partial<TLSSocket>;
  const cert = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  const fingerprint = cert && typeof cert.fingerprint256 === 'string' ? normalizeFingerprint(cert.fingerprint256) : null;
  return { authorization: request.headers.authorization, peerCertSha256: fingerprint, peerCertAuthorized: socket.authorized === true };
}

/** The hook: sets request.source or throws a 401/403 GatewayError. */
export function authenticateHook(options: {
  readonly authenticate: ReturnType<typeof createAuthenticator>;
  readonly alerter: SecurityAlerter;
  readonly metrics: GatewayMetrics;
}): onRequestAsyncHookHandler {
  return async (request) => {
    let result;
    try {
      result = await options.authenticate(credentialsOf(request));
    } catch (err) {
      throw storeUnavailable(err);
    }
    if (!result.ok) {
      options.metrics.eventsRejected.inc({ reason: result.code });
      void options.alerter.authFailure(request.ip, result.code);
      throw new GatewayError(result.code);
    }
    request.source = result.source;
  };
}
