// Issue 4 acceptance, end to end on the real stack: generated events posted to the ingestion gateway
// appear on the classified topic with their classification; an event posted twice appears once;
// unauthenticated, over-limit, malformed and oversized requests are refused and reach no topic.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClassifiedEvent } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { createLogger } from '@cwp/observability';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import { createClassifier, createConsentReader, planFields } from '@cwp/classifier';
import { createGenerator } from '@cwp/synthetic';
import { createGatewayFixture, toBody, type GatewayFixture } from '../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createTopics, deleteSubjects, deleteTopics, readTopic, registerSchema, uniqueName } from './helpers/stream-fixtures.js';

const N = 300;
let gw: GatewayFixture;
let stage: Stage | undefined;
const classified = uniqueName('it.e2e.classified');

before(async () => {
  // A 400-event bucket that refills at 1 event/s: the accepted posts fit in it, the next big one does not.
  gw = await createGatewayFixture({ GATEWAY_RATE_PER_S: '1', GATEWAY_RATE_BURST: '400', GATEWAY_MAX_BATCH: '400', GATEWAY_MAX_BODY_BYTES: '524288' });
  const admin = gw.kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: classified, partitions: 3 }, { topic: `${gw.config.GATEWAY_TOPIC}.dlq`, partitions: 1 }]);
  await admin.disconnect();
  await registerSchema('cwp.events.ClassifiedEvent', `${classified}-value`);
});

after(async () => {
  await stage?.stop();
  const admin = gw.kafka.admin();
  await admin.connect();
  await deleteTopics(admin, [classified, `${gw.config.GATEWAY_TOPIC}.dlq`]);
  await admin.disconnect();
  await deleteSubjects(`${classified}-value`);
  await gw.cleanup();
});

test('posted events come out classified once; refused requests reach no topic', { timeout: 120_000 }, async () => {
  const { authorization } = await gw.createSource('registri-anak-e2e');
  const events = createGenerator({ seed: 404 }).batch(N).map((g) => g.event);
  const post = (body: unknown, headers: Record<string, string> = { authorization }) =>
    gw.app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

  const first = await post({ events: events.slice(0, 200).map(toBody) });
  assert.equal(first.statusCode, 202, first.body);
  // A retry of an accepted event, alone and inside the next batch.
  assert.equal((await post(toBody(events[0]!))).statusCode, 202);
  const second = await post({ events: [events[1]!, ...events.slice(200)].map(toBody) });
  assert.equal(second.statusCode, 202, second.body);
  const stored = await gw.countRecords(gw.config.GATEWAY_TOPIC);
  assert.equal(stored, N, 'each accepted event is stored once');

  // Refused requests: nothing of them may reach Kafka.
  const extra = createGenerator({ seed: 405 }).batch(450).map((g) => g.event);
  assert.equal((await post({ events: [toBody(extra[0]!)] }, {})).statusCode, 401);
  assert.equal((await post({ events: [{ ...toBody(extra[1]!), eventType: 'NOT_A_TYPE' }] })).statusCode, 400);
  assert.equal((await post({ events: [{ ...toBody(extra[2]!), payload: { note: 'x'.repeat(600_000) } }] })).statusCode, 413);
  const overLimit = await post({ events: extra.slice(10, 310).map(toBody) });
  assert.equal(overLimit.statusCode, 429, overLimit.body);
  assert.ok(Number(overLimit.headers['retry-after']) > 0, 'Retry-After says when to come back');
  const afterRefusals = await gw.countRecords(gw.config.GATEWAY_TOPIC);
  assert.equal(afterRefusals, N, 'no refused request stored anything');

  // The classifier, on the stream runtime, reads the gateway's topic.
  stage = createStage({
    name: 'classifier',
    groupId: uniqueName('it.e2e.classifier'),
    input: { topic: gw.config.GATEWAY_TOPIC },
    outputs: [{ topic: classified }],
    transform: createClassifier({
      plan: planFields(loadSchemaCatalog().resolve('cwp.events.RawEvent')),
      consent: createConsentReader(gw.pool, gw.config.GATEWAY_DB_SCHEMA),
      outputTopic: classified,
    }),
    config: loadStageConfig({}, { ...process.env, METRICS_PORT: '0', LOG_LEVEL: 'warn' }),
    logger: createLogger({ service: 'e2e-classifier', level: 'silent' }),
  });
  await stage.start();
  const out = await readTopic(gw.kafka, classified, { until: (r) => r.length >= afterRefusals, timeoutMs: 60_000 });
  const ids = new Map<string, ClassifiedEvent>();
  for (const r of out) {
    const { value } = await gw.serde.decode<ClassifiedEvent>(r.value!);
    assert.ok(!ids.has(value.eventId), `event ${value.eventId} appears once`);
    ids.set(value.eventId, value);
  }
  assert.equal(ids.size, afterRefusals);
  for (const e of events) {
    const c = ids.get(e.eventId);
    assert.ok(c, `posted event ${e.eventId} was classified`);
    assert.equal(c.sourceSystem, 'registri-anak-e2e', 'the source system comes from the credential');
    assert.ok(c.receivedAt !== null, 'the gateway stamped receivedAt');
    assert.ok(c.fieldSensitivity.length > 0);
  }
  for (const bad of extra) assert.ok(!ids.has(bad.eventId), 'a refused event never reaches the pipeline');
});
