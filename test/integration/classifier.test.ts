// Issue 4 acceptance (classifier), on the real stack: generated raw events go through the classifier
// stage on the stream runtime; every event comes out classified and valid against its schema, with
// consent read from the real consent registry in PostgreSQL; invalid records land in the DLQ.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin, Kafka } from 'kafkajs';
import type pg from 'pg';
import type { ClassifiedEvent } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { createPool, migrate } from '@cwp/db';
import { createLogger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import { createClassifier, createConsentReader, planFields } from '@cwp/classifier';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, generateEvents, produceEvents, produceRaw, readTopic, registerSchema, serdeFor, uniqueName,
} from './helpers/stream-fixtures.js';
import { REPO_ROOT, stackEnv } from '../support/stack.js';

const input = uniqueName('it.classifier.in');
const output = uniqueName('it.classifier.out');
const dlq = `${input}.dlq`;
const consentSchema = `consent_it_${Date.now().toString(36)}`;
const N = 400;
let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let pool: pg.Pool;
let stage: Stage | undefined;

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: 3 }, { topic: output, partitions: 3 }, { topic: dlq, partitions: 1 }]);
  await registerSchema('cwp.events.RawEvent', `${input}-value`);
  await registerSchema('cwp.events.ClassifiedEvent', `${output}-value`);
  serde = serdeFor();
  await migrate({ databaseUrl: stackEnv().databaseUrl, dir: `${REPO_ROOT}services/ingest-gateway/migrations`, schema: consentSchema });
  pool = createPool({ databaseUrl: stackEnv().databaseUrl, applicationName: 'cwp-classifier-it', max: 4 });
});

after(async () => {
  await stage?.stop();
  await deleteTopics(admin, [input, output, dlq]);
  await deleteSubjects(`${input}-value`, `${output}-value`);
  await admin.disconnect();
  await pool.query(`DROP SCHEMA IF EXISTS "${consentSchema}" CASCADE`);
  await pool.end();
});

test('raw events are classified with sensitivity, PII findings and consent; bad records are dead-lettered', { timeout: 120_000 }, async () => {
  const events = generateEvents(N);
  const child = events.find((e) => e.subjectType === 'CHILD')!.subjectId;
  // The registry's history for one child: research granted, analytics granted then revoked, media expired.
  await pool.query(
    `INSERT INTO "${consentSchema}".consents (child_id, purpose, status, expires_at, guardian_ref, recorded_at, recorded_by) VALUES
       ($1, 'research', 'granted', NULL, 'guardian-1', now() - interval '2 days', 'it'),
       ($1, 'analytics', 'granted', NULL, 'guardian-1', now() - interval '2 days', 'it'),
       ($1, 'analytics', 'revoked', NULL, 'guardian-1', now() - interval '1 day', 'it'),
       ($1, 'media', 'granted', now() - interval '1 hour', 'guardian-1', now() - interval '2 days', 'it')`,
    [child],
  );
  await produceEvents(kafka, serde, input, events);
  // A direct producer's record whose payload contradicts its eventType, and bytes that are not Avro.
  const donation = events.find((e) => e.eventType === 'DONATION')!;
  const mismatched = { ...donation, eventId: '00000000-0000-4000-8000-000000000001', eventType: 'INCIDENT_REPORT', payload: donation.payload };
  await produceRaw(kafka, input, [
    { key: 'bad-1', value: await serde.encode(`${input}-value`, mismatched) },
    { key: 'bad-2', value: Buffer.from('not avro at all') },
  ]);

  const config = loadStageConfig({}, { ...process.env, METRICS_PORT: '0', LOG_LEVEL: 'warn' });
  stage = createStage({
    name: 'classifier',
    groupId: uniqueName('it.classifier.group'),
    input: { topic: input },
    outputs: [{ topic: output }],
    transform: createClassifier({ plan: planFields(loadSchemaCatalog().resolve('cwp.events.RawEvent')), consent: createConsentReader(pool, consentSchema), outputTopic: output }),
    config,
    logger: createLogger({ service: 'classifier-it', level: 'silent' }),
  });
  await stage.start();

  const out = await readTopic(kafka, output, { until: (r) => r.length >= N, timeoutMs: 60_000 });
  const dead = await readTopic(kafka, dlq, { until: (r) => r.length >= 2, timeoutMs: 20_000 });

  const classifiedType = loadSchemaCatalog().type('cwp.events.ClassifiedEvent');
  const byId = new Map<string, ClassifiedEvent>();
  for (const r of out) {
    const { value } = await serde.decode<ClassifiedEvent>(r.value!);
    assert.ok(classifiedType.isValid(value), 'output is a valid ClassifiedEvent');
    assert.equal(r.key?.toString(), value.subjectId, 'keyed by subject id');
    byId.set(value.eventId, value);
  }
  assert.equal(byId.size, N, 'every raw event was classified exactly once');
  for (const e of events) assert.ok(byId.has(e.eventId), `event ${e.eventId} classified`);

  const ofChild = [...byId.values()].filter((e) => e.subjectId === child);
  assert.ok(ofChild.length > 0);
  for (const e of ofChild) {
    assert.equal(e.consentRequired, true);
    assert.deepEqual(e.consent.map((c) => [c.purpose, c.granted]), [['analytics', false], ['research', true], ['media', false]]);
  }
  const withFindings = [...byId.values()].filter((e) => e.piiFindings.length > 0);
  assert.ok(withFindings.length > N / 4, `PII found in free text of ${withFindings.length} events`);
  assert.ok([...byId.values()].every((e) => e.overallSensitivity === 'RESTRICTED' || e.subjectType !== 'CHILD'), 'child events are RESTRICTED overall');

  assert.equal(dead.length, 2);
  const codes = dead.map((d) => d.headers['dlq.error.code']?.toString()).sort();
  assert.deepEqual(codes, ['BAD_WIRE_FORMAT', 'PAYLOAD_MISMATCH'], 'both bad records dead-lettered with their reason');
  assert.ok(dead.some((d) => d.value?.toString() === 'not avro at all'), 'original bytes kept');
});
