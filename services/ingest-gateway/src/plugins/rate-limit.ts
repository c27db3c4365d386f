// Charges a request's cost (one token per event) to its source's bucket; 429 with Retry-After when
// the bucket is short, and repeated refusals feed the security alerter.
import type { AuthenticatedSource } from '../auth/authenticator.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { storeUnavailable } from './error-handling.js';

/** Takes `cost` tokens for `source` or throws RATE_LIMITED / STORE_UNAVAILABLE. */
export async function chargeTokens(ctx: Pick<GatewayContext, 'rateLimiter' | 'alerter' | 'metrics'>, source: AuthenticatedSource, cost: number): Promise<void> {
  let decision;
  try {
    decision = await ctx.rateLimiter.take(source.keyId, cost);
  } catch (err) {
    throw storeUnavailable(err);
  }
  if (!decision.allowed) {
    ctx.metrics.eventsRejected.inc({ reason: 'RATE_LIMITED' }, cost);
    void ctx.alerter.rateLimited(source.sourceSystem, source.keyId);
    throw new GatewayError('RATE_LIMITED', { retryAfterS: decision.retryAfterS });
  }
}
