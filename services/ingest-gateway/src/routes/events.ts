// POST /v1/events: one event or {events: [...]}. Order of work: rate limit (cost = events claimed)
// → validate (400 naming every bad path) → claim event ids (409 on a different body) → encode and
// produce with acks=all → 202 with the ids. Anything failing after the claim releases it, so no 2xx
// is ever sent for an event Kafka did not acknowledge, and a retry can always succeed.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallback } from 'fastify';
import type { RawEvent } from '@cwp/avro';
import { wrapPayload } from '@cwp/avro';
import { canonicalHash } from '../canonical-json.js';
import type { GatewayContext } from '../context.js';
import type { ErrorDetail } from '../errors.js';
import { GatewayError } from '../errors.js';
import type { ClaimOutcome } from '../idempotency.js';
import { chargeTokens } from '../plugins/rate-limit.js';
import { storeUnavailable } from '../plugins/error-handling.js';

interface Prepared {
  readonly index: number;
  readonly event: RawEvent;
  readonly hash: string;
}

/** The events route plugin. */
export const eventsRoutes: FastifyPluginCallback<{ ctx: GatewayContext }> = (app, { ctx }, done) => {
  const subject = `${ctx.config.GATEWAY_TOPIC}-value`;

  app.post('/events', async (request, reply) => {
    const source = request.source;
    if (!source) throw new GatewayError('AUTH_MISSING');
    await chargeTokens(ctx, source, ctx.validator.countEvents(request.body));
    let validated;
    try {
      validated = ctx.validator.parse(request.body);
    } catch (err) {
      if (err instanceof GatewayError) ctx.metrics.eventsRejected.inc({ reason: err.code }, ctx.validator.countEvents(request.body));
      throw err;
    }
    const receivedAt = ctx.clock();
    const prepared: Prepared[] = validated.events.map((e, index) => {
      const eventId = e.eventId ?? randomUUID();
      const event = {
        eventId, eventType: e.eventType, sourceSystem: source.sourceSystem, occurredAt: e.occurredAt, receivedAt,
        subjectType: e.subjectType, subjectId: e.subjectId, payload: wrapPayload(e.eventType, e.payload as never),
      } as RawEvent;
      // receivedAt differs on every retry, so it is not part of what makes two sends "the same event".
      const { receivedAt: _ignored, ...identity } = event;
      return { index, event, hash: canonicalHash(identity) };
    });

    // The same id twice in one body: one produce if the bodies agree, a conflict otherwise.
    const firstById = new Map<string, Prepared>();
    const conflicts: ErrorDetail[] = [];
    const path = (p: Prepared): string => (validated.batch ? `events.${p.index}.eventId` : 'eventId');
    for (const p of prepared) {
      const first = firstById.get(p.event.eventId);
      if (!first) firstById.set(p.event.eventId, p);
      else if (first.hash !== p.hash) conflicts.push({ path: path(p), code: 'EVENT_ID_CONFLICT', message: `same eventId as ${path(first)} with a different body` });
    }
    if (conflicts.length > 0) {
      ctx.metrics.eventsRejected.inc({ reason: 'EVENT_ID_CONFLICT' }, prepared.length);
      throw new GatewayError('EVENT_ID_CONFLICT', { details: conflicts });
    }
    const unique = [...firstById.values()];
    const entries = unique.map((p) => ({ eventId: p.event.eventId, hash: p.hash }));

    let outcomes: ClaimOutcome[];
    try {
      outcomes = await ctx.idempotency.claim(entries);
    } catch (err) {
      throw storeUnavailable(err);
    }
    const claimed = unique.filter((_, i) => outcomes[i] === 'claimed');
    const claimedEntries = claimed.map((p) => ({ eventId: p.event.eventId, hash: p.hash }));
    const release = async (): Promise<void> => {
      await ctx.idempotency.release(claimedEntries).catch((err: unknown) => request.log.warn({ err: { message: (err as Error).message } }, 'could not release idempotency claims; they expire on their own'));
    };

    const refused = unique.flatMap((p, i): ErrorDetail[] => {
      const outcome = outcomes[i];
      if (outcome === 'conflict') return [{ path: path(p), code: 'EVENT_ID_CONFLICT', message: 'this eventId was already accepted with a different body' }];
      if (outcome === 'pending') return [{ path: path(p), code: 'EVENT_IN_PROGRESS', message: 'this eventId is being stored by another request' }];
      return [];
    });
    if (refused.length > 0) {
      await release();
      const inProgressOnly = refused.every((d) => d.code === 'EVENT_IN_PROGRESS');
      ctx.metrics.eventsRejected.inc({ reason: inProgressOnly ? 'EVENT_IN_PROGRESS' : 'EVENT_ID_CONFLICT' }, prepared.length);
      throw new GatewayError(inProgressOnly ? 'EVENT_IN_PROGRESS' : 'EVENT_ID_CONFLICT', { details: refused, ...(inProgressOnly ? { retryAfterS: 1 } : {}) });
    }

    if (claimed.length > 0) {
      const stop = ctx.metrics.produceDuration.startTimer();
      try {
        const records = await Promise.all(claimed.map(async (p) => ({ key: p.event.subjectId, value: await ctx.deps.serde.encode(subject, p.event) })));
        await ctx.deps.producer.send(ctx.config.GATEWAY_TOPIC, records);
      } catch (err) {
        await release();
        ctx.metrics.eventsRejected.inc({ reason: 'KAFKA_UNAVAILABLE' }, claimed.length);
        throw err;
      } finally {
        stop();
      }
      // Stored now. Failing to mark them leaves pending claims that expire; a retry then re-produces
      // and consumers de-duplicate by event id.
      await ctx.idempotency.confirm(claimedEntries).catch((err: unknown) => request.log.warn({ err: { message: (err as Error).message } }, 'could not confirm idempotency keys'));
      ctx.metrics.eventsAccepted.inc(claimed.length);
    }
    return reply.code(202).send({ eventIds: prepared.map((p) => p.event.eventId) });
  });
  done();
};
