// Poison records: undecodable bytes, an unknown schema id and a record that makes the transform
// throw each land in <input>.dlq with their original bytes and the dlq.* headers, in the same
// transaction as the outputs of the good records around them, which are all processed. Three dead
// letters reach the (lowered) DLQ spike threshold: one DLQ_SPIKE SecurityAlert, in the same transaction.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin, Kafka } from 'kafkajs';
import type { SecurityAlert } from '@cwp/avro';
import type { Serde } from '@cwp/registry';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import { createLogger } from '@cwp/observability';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, generateEvents, produceRaw, readTopic, registerProbeSchema, registerSchema, serdeFor, uniqueName, type ProbeEvent,
} from './helpers/stream-fixtures.js';

const input = uniqueName('it.poison.in');
const output = uniqueName('it.poison.out');
const dlq = `${input}.dlq`;
const alertTopic = uniqueName('it.poison.alerts');
let kafka: Kafka;
let admin: Admin;
let serde: Serde;
let stage: Stage | undefined;

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: 1 }, { topic: output, partitions: 1 }, { topic: dlq, partitions: 1 }, { topic: alertTopic, partitions: 1 }]);
  await registerProbeSchema(`${input}-value`, `${output}-value`);
  await registerSchema('cwp.alerts.SecurityAlert', `${alertTopic}-value`);
  serde = serdeFor();
});

after(async () => {
  await stage?.stop();
  await deleteTopics(admin, [input, output, dlq, alertTopic]);
  await deleteSubjects(`${input}-value`, `${output}-value`, `${alertTopic}-value`);
  await admin.disconnect();
});

test('poison records are dead-lettered with the right headers and the records behind them are processed', { timeout: 90_000 }, async () => {
  const good = generateEvents(4);
  const explode: ProbeEvent = { ...generateEvents(1)[0]!, sourceSystem: 'explode' };
  const enc = (e: ProbeEvent) => serde.encode(`${input}-value`, e);
  const undecodable = Buffer.from('this is not avro');
  const unknownId = Buffer.from([0, 0x00, 0x0f, 0x42, 0x3f, 2, 4, 6]); // magic 0, schema id 999999
  const sent = [
    { key: good[0]!.subjectId, value: await enc(good[0]!) },
    { key: 'poison-1', value: undecodable, headers: { origin: 'upstream-a' } },
    { key: good[1]!.subjectId, value: await enc(good[1]!) },
    { key: 'poison-2', value: unknownId },
    { key: good[2]!.subjectId, value: await enc(good[2]!) },
    { key: 'poison-3', value: await enc(explode) },
    { key: good[3]!.subjectId, value: await enc(good[3]!) },
  ];
  await produceRaw(kafka, input, sent);

  const config = loadStageConfig({}, {
    ...process.env, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'warn', DLQ_SPIKE_THRESHOLD: '3', DLQ_SPIKE_WINDOW_MS: '600000', SECURITY_ALERT_TOPIC: alertTopic,
  });
  stage = createStage<ProbeEvent>({
    name: 'poison-test',
    groupId: uniqueName('it.poison.group'),
    input: { topic: input },
    outputs: [{ topic: output }],
    transform: (r) => {
      if (r.value.sourceSystem === 'explode') throw new RangeError(`transform refused event ${r.value.eventId}`);
      return [{ topic: output, key: r.key, value: r.value }];
    },
    config,
    logger: createLogger({ service: 'poison-test', level: 'silent' }),
  });
  await stage.start();

  const dead = await readTopic(kafka, dlq, { until: (r) => r.length >= 3, timeoutMs: 40_000 });
  const out = await readTopic(kafka, output, { until: (r) => r.length >= 4, timeoutMs: 20_000 });

  const ids = await Promise.all(out.map(async (r) => (await serde.decode<ProbeEvent>(r.value!)).value.eventId));
  assert.deepEqual(ids, good.map((e) => e.eventId), 'every good record, in order, including those behind the poison');

  assert.equal(dead.length, 3);
  const h = (i: number, name: string) => dead[i]!.headers[name]?.toString();
  const expect = [
    { key: 'poison-1', value: undecodable, code: 'BAD_WIRE_FORMAT', cls: 'DecodeError', offset: '1' },
    { key: 'poison-2', value: unknownId, code: 'UNKNOWN_SCHEMA_ID', cls: 'DecodeError', offset: '3' },
    { key: 'poison-3', value: sent[5]!.value, code: 'TRANSFORM_FAILED', cls: 'RangeError', offset: '5' },
  ];
  expect.forEach((e, i) => {
    assert.equal(dead[i]!.key?.toString(), e.key, 'original key');
    assert.ok(dead[i]!.value?.equals(e.value), 'original value bytes');
    assert.equal(h(i, 'dlq.error.code'), e.code);
    assert.equal(h(i, 'dlq.error.class'), e.cls);
    assert.equal(h(i, 'dlq.stage'), 'poison-test');
    assert.equal(h(i, 'dlq.source.topic'), input);
    assert.equal(h(i, 'dlq.source.partition'), '0');
    assert.equal(h(i, 'dlq.source.offset'), e.offset);
    assert.ok(Math.abs(Date.parse(h(i, 'dlq.time') ?? '') - Date.now()) < 120_000, 'dlq.time is a recent ISO time');
    assert.ok((h(i, 'dlq.error.message') ?? '').length > 0);
  });
  assert.equal(h(0, 'origin'), 'upstream-a', 'original headers are kept');
  assert.ok(!(h(2, 'dlq.error.message') ?? '').includes(explode.eventId), 'the message never carries record values');

  const alerts = await readTopic(kafka, alertTopic, { until: (r) => r.length >= 1, timeoutMs: 20_000, settleMs: 2000 });
  assert.equal(alerts.length, 1, 'one DLQ_SPIKE alert when the third dead letter reaches the threshold');
  const alert = (await serde.decode<SecurityAlert>(alerts[0]!.value!)).value;
  assert.equal(alert.category, 'DLQ_SPIKE');
  assert.equal(alert.service, 'poison-test');
  assert.deepEqual({ ...alert.attributes }, { topic: input, dlqTopic: dlq, deadLetters: '3', threshold: '3', windowSeconds: '600' });

  const metrics = await stage.metrics.registry.metrics();
  assert.match(metrics, /pipeline_records_dead_lettered_total\{topic="[^"]+",reason="UNKNOWN_SCHEMA_ID",service="poison-test"\} 1/);
  assert.match(metrics, new RegExp(`pipeline_records_consumed_total\\{topic="${input.replace(/\./g, '\\.')}",partition="0",service="poison-test"\\} 7`));
  const ready = await fetch(`http://${stage.opsAddress()}/readyz`);
  assert.equal(ready.status, 200);
  await stage.stop();
  assert.equal(stage.isReady(), false);
});
