// Issue 4 acceptance (gateway, events) against the real PostgreSQL, Redis, Kafka and schema
// registry: 202 only after Kafka acknowledged and the records decode equal to what was sent; 400
// naming every bad path; idempotency by event id (stored once; 409 on a different body); 413;
// 429 with Retry-After and a RATE_LIMIT_ABUSE alert; 503 with nothing stored when Kafka is down.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import type { RawEvent } from '@cwp/avro';
import { wrapPayload } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import type { GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createGatewayFixture, toBody } from '../../services/ingest-gateway/test/support/gateway-fixture.js';

let fx: GatewayFixture;
let auth: string;
const generator = createGenerator({ seed: 'gateway-it-events' });

before(async () => {
  fx = await createGatewayFixture();
  auth = (await fx.createSource('registri-anak')).authorization;
});

after(async () => {
  await fx.cleanup();
});

function post(body: unknown, authorization = auth, app = fx.app): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/v1/events', headers: { authorization, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

/** What the gateway must have stored for a body sent by source `registri-anak`. */
function expected(event: RawEvent, receivedAt: number): RawEvent {
  return { ...event, sourceSystem: 'registri-anak', receivedAt, payload: wrapPayload(event.eventType, JSON.parse(JSON.stringify(Object.values(event.payload)[0])) as never) } as RawEvent;
}

test('valid single event and batch: 202 with the ids, records on the topic decode equal, keyed by subjectId', { timeout: 60_000 }, async () => {
  const single = generator.next().event;
  const batch = generator.batch(120).map((g) => g.event);
  const before = Date.now();
  const r1 = await post(toBody(single));
  assert.equal(r1.statusCode, 202, r1.body);
  assert.deepEqual(r1.json(), { eventIds: [single.eventId] });
  const r2 = await post({ events: batch.map(toBody) });
  assert.equal(r2.statusCode, 202, r2.body);
  assert.deepEqual(r2.json(), { eventIds: batch.map((e) => e.eventId) });
  const after = Date.now();

  const records = await fx.readRaw();
  assert.equal(records.length, 121);
  const byId = new Map(records.map((r) => [r.value.eventId, r]));
  for (const e of [single, ...batch]) {
    const got = byId.get(e.eventId);
    assert.ok(got, `event ${e.eventId} missing`);
    assert.equal(got.key, e.subjectId);
    const stored = structuredClone(got.value);
    assert.ok(stored.receivedAt !== null && stored.receivedAt >= before && stored.receivedAt <= after);
    assert.deepEqual(stored, expected(e, stored.receivedAt));
  }
});

test('an event without eventId gets a UUID assigned and stored under it', { timeout: 30_000 }, async () => {
  const body = toBody(generator.next().event);
  delete body['eventId'];
  const res = await post(body);
  assert.equal(res.statusCode, 202, res.body);
  const [id] = (res.json<{ eventIds: string[] }>()).eventIds;
  assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok((await fx.readRaw()).some((r) => r.value.eventId === id));
});

test('invalid body: 400 naming every bad path and no value; nothing produced', { timeout: 30_000 }, async () => {
  const count = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  const good = toBody(generator.next().event);
  const res = await post({ events: [good, { ...good, eventId: randomUUID(), subjectType: 'MARTIAN', occurredAt: 'kemarin' }, { ...good, eventId: randomUUID(), payload: {} }] });
  assert.equal(res.statusCode, 400);
  const body = res.json<{ error: { code: string; details: { path: string }[] } }>();
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  const paths = body.error.details.map((d) => d.path);
  assert.ok(paths.includes('events.1.subjectType') && paths.includes('events.1.occurredAt'), paths.join(', '));
  assert.ok(paths.filter((p) => p.startsWith('events.2.payload.')).length >= 2, paths.join(', '));
  assert.doesNotMatch(res.body, /MARTIAN|kemarin/);
  for (const [payload, code] of [['{"eventType":', 'BODY_NOT_JSON'], ['[1]', 'BODY_INVALID']] as const) {
    const r = await fx.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: auth, 'content-type': 'application/json' }, payload });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json<{ error: { code: string } }>().error.code, code);
  }
  const text = await fx.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: auth, 'content-type': 'text/plain' }, payload: 'hello' });
  assert.equal(text.statusCode, 415);
  assert.equal(await fx.countRecords(fx.config.GATEWAY_TOPIC), count);
});

test('the same event twice is stored once; a different body under the same id is 409', { timeout: 30_000 }, async () => {
  const event = generator.next().event;
  const first = await post(toBody(event));
  assert.equal(first.statusCode, 202, first.body);
  // occurredAt as ISO-8601 is the same event: canonical values, not bytes, are compared.
  const again = await post({ ...toBody(event), occurredAt: new Date(event.occurredAt).toISOString() });
  assert.equal(again.statusCode, 202, again.body);
  assert.deepEqual(again.json(), { eventIds: [event.eventId] });
  const inBatch = await post({ events: [toBody(event), toBody(event)] });
  assert.equal(inBatch.statusCode, 202, inBatch.body);
  const conflict = await post({ ...toBody(event), subjectId: `${event.subjectId}-other` });
  assert.equal(conflict.statusCode, 409);
  assert.equal(conflict.json<{ error: { code: string } }>().error.code, 'EVENT_ID_CONFLICT');
  assert.doesNotMatch(conflict.body, new RegExp(event.subjectId));
  const stored = (await fx.readRaw()).filter((r) => r.value.eventId === event.eventId);
  assert.equal(stored.length, 1);
});

test('a body over GATEWAY_MAX_BODY_BYTES is 413 and a batch over GATEWAY_MAX_BATCH is 400', { timeout: 30_000 }, async () => {
  const count = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  const big = await post({ events: [toBody(generator.next().event)], padding: 'x'.repeat(fx.config.GATEWAY_MAX_BODY_BYTES) });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json<{ error: { code: string } }>().error.code, 'BODY_TOO_LARGE');
  const app = await fx.buildApp({ GATEWAY_MAX_BATCH: '3' });
  const many = await post({ events: generator.batch(4).map((g) => toBody(g.event)) }, auth, app);
  assert.equal(many.statusCode, 400);
  assert.equal(many.json<{ error: { code: string } }>().error.code, 'BATCH_TOO_LARGE');
  assert.equal(await fx.countRecords(fx.config.GATEWAY_TOPIC), count);
});

test('rate limit: 429 with Retry-After once the bucket is empty, nothing produced, and a RATE_LIMIT_ABUSE alert', { timeout: 60_000 }, async () => {
  const app = await fx.buildApp({ GATEWAY_RATE_PER_S: '1', GATEWAY_RATE_BURST: '5', GATEWAY_MAX_BATCH: '5', GATEWAY_RATE_ALERT_THRESHOLD: '3' });
  const source = await fx.createSource('posyandu-app');
  const ok = await post({ events: generator.batch(5).map((g) => toBody(g.event)) }, source.authorization, app);
  assert.equal(ok.statusCode, 202, ok.body);
  const count = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  const refused = [];
  for (let i = 0; i < 4; i++) refused.push(await post({ events: generator.batch(3).map((g) => toBody(g.event)) }, source.authorization, app));
  for (const r of refused) {
    assert.equal(r.statusCode, 429);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'RATE_LIMITED');
    assert.ok(Number(r.headers['retry-after']) >= 1, String(r.headers['retry-after']));
  }
  assert.equal(await fx.countRecords(fx.config.GATEWAY_TOPIC), count);
  // Another source has its own bucket.
  assert.equal((await post(toBody(generator.next().event), auth, app)).statusCode, 202);
  // At most one alert per source per minute, although the threshold was crossed twice.
  let alerts: Awaited<ReturnType<GatewayFixture['readAlerts']>> = [];
  for (let i = 0; i < 50 && alerts.length === 0; i++) { alerts = (await fx.readAlerts()).filter((a) => a.value.category === 'RATE_LIMIT_ABUSE'); if (alerts.length === 0) await sleep(100); }
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.value.principal, 'posyandu-app');
  assert.equal(alerts[0]?.value.attributes['keyId'], source.keyId);
});

test('Kafka unreachable: 503 KAFKA_UNAVAILABLE with Retry-After, nothing stored, and the id is free for a retry', { timeout: 60_000 }, async () => {
  const closed = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address() as { port: number }; srv.close(() => resolve(port)); });
  });
  const down = await fx.buildApp({ KAFKA_BROKERS: `127.0.0.1:${closed}`, GATEWAY_KAFKA_RETRIES: '1', GATEWAY_PRODUCE_TIMEOUT_MS: '2000' });
  const count = await fx.countRecords(fx.config.GATEWAY_TOPIC);
  const event = generator.next().event;
  const res = await post(toBody(event), auth, down);
  assert.equal(res.statusCode, 503, res.body);
  assert.equal(res.json<{ error: { code: string } }>().error.code, 'KAFKA_UNAVAILABLE');
  assert.ok(Number(res.headers['retry-after']) >= 1);
  const ready = await down.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 503);
  assert.deepEqual(ready.json<{ checks: unknown }>().checks, { postgres: true, redis: true, kafka: false });
  assert.equal(await fx.countRecords(fx.config.GATEWAY_TOPIC), count);
  // The idempotency claim was released: the retry against a working gateway is stored.
  const retry = await post(toBody(event));
  assert.equal(retry.statusCode, 202, retry.body);
  assert.equal((await fx.readRaw()).filter((r) => r.value.eventId === event.eventId).length, 1);
});

test('/healthz, /readyz and /metrics', { timeout: 30_000 }, async () => {
  assert.deepEqual((await fx.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
  const ready = await fx.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200, ready.body);
  const metrics = await fx.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /gateway_requests_total\{route="\/v1\/events",status="202",service="ingest-gateway"\} \d+/);
  assert.match(metrics.body, /gateway_events_accepted_total\{service="ingest-gateway"\} ([1-9]\d*)/);
  assert.match(metrics.body, /gateway_events_rejected_total\{reason="VALIDATION_FAILED",service="ingest-gateway"\} \d+/);
  assert.match(metrics.body, /gateway_produce_duration_seconds_count\{service="ingest-gateway"\} [1-9]/);
  const unknown = await fx.app.inject({ method: 'GET', url: '/v2/nothing' });
  assert.equal(unknown.statusCode, 404);
});
