// Foundation acceptance: generated events go to events.raw.v1 in Confluent wire format through the
// real schema registry, and come back decoded equal to what was sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type kafkajs from 'kafkajs';
import { AVRO_OPTIONS, createAvroType, loadSchemaCatalog } from '@cwp/avro';
import type { JsonObject } from '@cwp/avro';
import { ValidationError } from '@cwp/errors';
import { createSerde, readFrame, writeFrame } from '@cwp/registry';
import { createGenerator } from '@cwp/synthetic';
import { stackEnv, testKafka, uniqueName } from '../support/stack.js';

const TOPIC = 'events.raw.v1';
const SUBJECT = `${TOPIC}-value`;
const COUNT = 500;

let producer: kafkajs.Producer;
let consumer: kafkajs.Consumer;

before(async () => {
  const kafka = testKafka();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  consumer = kafka.consumer({ groupId: uniqueName('test.raw-roundtrip') });
  await Promise.all([producer.connect(), consumer.connect()]);
});

after(async () => {
  await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
});

test('generated raw events round-trip through Kafka and the schema registry', { timeout: 60_000 }, async () => {
  const serde = createSerde({ url: stackEnv().registryUrl, avroOptions: AVRO_OPTIONS });
  const catalog = loadSchemaCatalog();
  // The subject's latest schema is the one in schemas/ (make up registers it).
  const registeredId = await serde.latestId(SUBJECT);
  const res = await fetch(`${stackEnv().registryUrl}/schemas/ids/${registeredId}`);
  const registered = (await res.json()) as { schema: string };
  // The registry de-duplicates by Avro canonical form (doc, default and our field tags are not part
  // of it), so the wire contract is what must match; services read field tags from schemas/ itself.
  const registeredType = createAvroType(JSON.parse(registered.schema) as JsonObject);
  assert.ok(registeredType.equals(catalog.type('cwp.events.RawEvent')), 'the registry holds the canonical schema of schemas/');

  const runMarker = uniqueName('roundtrip');
  const generated = createGenerator({ seed: 4242 }).batch(COUNT);
  const sent = new Map<string, unknown>();
  const messages = await Promise.all(
    generated.map(async ({ event, key }) => {
      sent.set(event.eventId, event);
      return { key, value: await serde.encode(SUBJECT, event), headers: { 'test.run': runMarker } };
    }),
  );
  // Where the topic ends before this run: the consumer starts there and keeps only this run's records.
  const admin = testKafka().admin();
  await admin.connect();
  const start = await admin.fetchTopicOffsets(TOPIC);
  await admin.disconnect();

  const received = new Map<string, unknown>();
  let failure: Error | undefined;
  const done = new Promise<void>((resolve) => {
    const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
    void consumer.subscribe({ topic: TOPIC }).then(async () => {
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (message.headers?.['test.run']?.toString() !== runMarker || !message.value) return;
          try {
            const { schemaId } = readFrame(message.value);
            assert.equal(schemaId, registeredId, 'every value carries the registered schema id');
            const { value } = await serde.decode<{ eventId: string; subjectId: string }>(message.value);
            assert.equal(message.key?.toString(), value.subjectId, 'records are keyed by the subject id');
            received.set(value.eventId, value);
          } catch (err) {
            failure = err instanceof Error ? err : new Error(String(err));
            resolve();
          }
          if (received.size === COUNT) resolve();
        },
      });
      await joined;
      for (const p of start) consumer.seek({ topic: TOPIC, partition: p.partition, offset: p.offset });
      await producer.send({ topic: TOPIC, acks: -1, messages });
    });
  });
  await done;
  if (failure) throw failure;

  assert.equal(received.size, COUNT);
  for (const [id, event] of sent) assert.deepEqual(structuredClone(received.get(id)), event, `event ${id} decoded equal to what was sent`);
});

test('serde.encode writes exactly the bytes of avsc\'s own encoder, and a value off the schema is a SCHEMA_MISMATCH naming the field, never quoting it', { timeout: 60_000 }, async () => {
  const serde = createSerde({ url: stackEnv().registryUrl, avroOptions: AVRO_OPTIONS });
  const id = await serde.latestId(SUBJECT);
  const res = await fetch(`${stackEnv().registryUrl}/schemas/ids/${id}`);
  const type = createAvroType(JSON.parse(((await res.json()) as { schema: string }).schema) as JsonObject);
  const gen = createGenerator({ seed: 4343 });
  const events = gen.batch(2000).map((g) => g.event);
  // Past avsc's 1 KiB buffer and the serde's 16 KiB scratch: a long case note.
  const child = gen.ofType('CHILD_RECORD').event;
  const [branch, body] = Object.entries(child.payload)[0]!;
  events.push({ ...child, payload: { [branch]: { ...body, caseNotes: 'Anak tinggal bersama nenek. '.repeat(2000) } } } as unknown as typeof child);
  let large = 0;
  for (const e of events) {
    const bytes = await serde.encode(SUBJECT, e);
    assert.deepEqual(bytes, writeFrame(id, type.toBuffer(e)), `event ${e.eventId} (${e.eventType})`);
    if (bytes.length > 16 * 1024) large += 1;
  }
  assert.equal(large, 1, 'the long event outgrew the scratch buffer');
  const secret = 'Siti Aminah 081234567890';
  const bad = { ...events[0]!, subjectId: 12345, occurredAt: secret };
  await assert.rejects(serde.encode(SUBJECT, bad), (err: unknown) => err instanceof ValidationError && err.code === 'SCHEMA_MISMATCH'
    && /subjectId/.test(err.message) && /occurredAt/.test(err.message) && !err.message.includes(secret) && !err.message.includes('12345'));
  // A string where the all-defaults MedicalProfile belongs: avsc's writer alone would write an empty profile.
  const diagnosis = 'HIV positif, alergi penisilin';
  const withMedical = { ...child, payload: { [branch]: { ...body, medical: diagnosis } } };
  await assert.rejects(serde.encode(SUBJECT, withMedical), (err: unknown) => err instanceof ValidationError && err.code === 'SCHEMA_MISMATCH'
    && /medical/.test(err.message) && !err.message.includes(diagnosis));
  // An enum symbol inherited from Object.prototype: avsc's writer and isValid both take it.
  await assert.rejects(serde.encode(SUBJECT, { ...child, payload: { [branch]: { ...body, careStatus: 'constructor' } } }), (err: unknown) => err instanceof ValidationError && err.code === 'SCHEMA_MISMATCH');
  await assert.rejects(serde.encode(SUBJECT, 'not a record'), (err: unknown) => err instanceof ValidationError && err.code === 'SCHEMA_MISMATCH');
});
