// Guardian consent registry: PUT grants (with optional expiry), DELETE revokes (history kept),
// GET answers the current state per purpose. Writes are audited (CONSENT_GRANT / CONSENT_REVOKE).
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { timestampMillis } from '@cwp/avro';
import { CONSENT_PURPOSES } from '../consent/consent-reader.js';
import type { ConsentSnapshot } from '../consent/consent-reader.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { toDetails } from '../event-schema.js';
import { chargeTokens } from '../plugins/rate-limit.js';
import { storeUnavailable } from '../plugins/error-handling.js';

const childId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 letters, digits or . _ : -');
const childParams = z.strictObject({ childId });
const purposeParams = z.strictObject({ childId, purpose: z.enum(CONSENT_PURPOSES) });
const grantBody = z.strictObject({
  status: z.literal('granted'),
  expiresAt: timestampMillis().nullable().default(null),
  guardianRef: z.string().min(1).max(200),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new GatewayError('VALIDATION_FAILED', { details: toDetails(result.error.issues, where === 'body' ? [] : [where]) });
  return result.data;
}

function sourceOf(request: FastifyRequest): NonNullable<FastifyRequest['source']> {
  if (!request.source) throw new GatewayError('AUTH_MISSING');
  return request.source;
}

function view(snapshot: ConsentSnapshot): Record<string, { status: string; expiresAt: string | null; recordedAt: string | null }> {
  return Object.fromEntries(
    Object.entries(snapshot).map(([purpose, s]) => [purpose, { status: s.status, expiresAt: s.expiresAt?.toISOString() ?? null, recordedAt: s.recordedAt?.toISOString() ?? null }]),
  );
}

/** The consent route plugin. */
export const consentRoutes: FastifyPluginCallback<{ ctx: GatewayContext }> = (app, { ctx }, done) => {
  app.put('/consents/:childId/:purpose', async (request) => {
    const source = sourceOf(request);
    await chargeTokens(ctx, source, 1);
    const params = parse(purposeParams, request.params, 'params');
    const body = parse(grantBody, request.body, 'body');
    if (body.expiresAt !== null && body.expiresAt <= ctx.clock()) {
      throw new GatewayError('VALIDATION_FAILED', { details: [{ path: 'expiresAt', code: 'too_small', message: 'must be in the future' }] });
    }
    const recorded = await ctx.consents
      .record({ ...params, status: 'granted', expiresAt: body.expiresAt === null ? null : new Date(body.expiresAt), guardianRef: body.guardianRef, recordedBy: source.sourceSystem, actorKeyId: source.keyId })
      .catch((err: unknown) => { throw storeUnavailable(err); });
    return { consentId: recorded.id, purpose: params.purpose, status: 'granted', expiresAt: body.expiresAt === null ? null : new Date(body.expiresAt).toISOString(), recordedAt: recorded.recordedAt.toISOString() };
  });

  app.delete('/consents/:childId/:purpose', async (request) => {
    const source = sourceOf(request);
    await chargeTokens(ctx, source, 1);
    const params = parse(purposeParams, request.params, 'params');
    const recorded = await ctx.consents
      .record({ ...params, status: 'revoked', expiresAt: null, guardianRef: null, recordedBy: source.sourceSystem, actorKeyId: source.keyId })
      .catch((err: unknown) => { throw storeUnavailable(err); });
    return { consentId: recorded.id, purpose: params.purpose, status: 'revoked', recordedAt: recorded.recordedAt.toISOString() };
  });

  app.get('/consents/:childId', async (request) => {
    const source = sourceOf(request);
    await chargeTokens(ctx, source, 1);
    const params = parse(childParams, request.params, 'params');
    const at = new Date(ctx.clock());
    const snapshot = await ctx.consentReader.currentConsent(params.childId, at).catch((err: unknown) => { throw storeUnavailable(err); });
    return { at: at.toISOString(), consents: view(snapshot) };
  });
  done();
};
