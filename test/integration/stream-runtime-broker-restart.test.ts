// Broker restart (issue 3): Kafka is stopped and started again (with the project's own scripts)
// while the passthrough stage is mid-stream; the stage recovers by itself and loses nothing.
// Leaves Kafka running: the `after` hook starts it again if the test failed half-way.
import { randomInt } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, eventIdCounts, generateEvents, highWatermarkSum, killHard, produceEvents, readTopic,
  registerProbeSchema, serdeFor, startPassthrough, startStack, stopKafka, uniqueName, waitFor, type StageProcess,
} from './helpers/stream-fixtures.js';

const PARTITIONS = 6;
const N = 20_000;
const input = uniqueName('it.brokerrestart.in');
const output = uniqueName('it.brokerrestart.out');
const group = uniqueName('it.brokerrestart.group');
let kafka: Kafka;
let admin: Admin;
let stageProc: StageProcess | undefined;

async function kafkaAnswers(): Promise<boolean> {
  try {
    const probe = createKafka('cwp-it-probe').admin();
    await probe.connect();
    await probe.describeCluster();
    await probe.disconnect();
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: PARTITIONS }, { topic: output, partitions: PARTITIONS }, { topic: `${input}.dlq`, partitions: 1 }]);
  await registerProbeSchema(`${input}-value`);
});

after(async () => {
  await killHard(stageProc);
  if (!(await kafkaAnswers())) startStack();
  await deleteTopics(admin, [input, output, `${input}.dlq`]);
  await deleteSubjects(`${input}-value`);
  await admin.disconnect();
});

test('Kafka stopped and restarted mid-stream: the stage recovers by itself and nothing is lost', { timeout: 300_000 }, async (t) => {
  const serde = serdeFor();
  const events = generateEvents(N);
  await produceEvents(kafka, serde, input, events);
  stageProc = startPassthrough({ INPUT_TOPIC: input, OUTPUT_TOPIC: output, GROUP_ID: group, MAX_BYTES_PER_PARTITION: '16384' }, `it-broker-restart-${group}`);
  const stopAt = randomInt(Math.floor(N * 0.1), Math.floor(N * 0.5));
  await waitFor(`the output to pass ${stopAt} records`, async () => (await highWatermarkSum(admin, output)) >= stopAt, 90_000, 20);

  const stoppedAt = Date.now();
  await stopKafka();
  t.diagnostic(`Kafka stopped after ~${stopAt} output records, in ${Date.now() - stoppedAt} ms`);
  await sleep(3000);
  const up = startStack();
  const answering = await kafkaAnswers();
  t.diagnostic(`infra/local/up.sh exit ${up.status}; Kafka answering: ${answering}; down for ${Date.now() - stoppedAt} ms`);
  assert.ok(answering, `Kafka did not come back:\n${up.output.slice(-2000)}`);
  assert.equal(stageProc.child.exitCode, null, 'the stage process survived the broker outage');

  const records = await readTopic(kafka, output, { until: (r) => r.length >= N, timeoutMs: 180_000, settleMs: 2000 });
  const counts = await eventIdCounts(serde, records);
  const missing = events.filter((e) => !counts.has(e.eventId)).length;
  const duplicates = records.length - counts.size;
  t.diagnostic(`output records ${records.length}, distinct ids ${counts.size}, missing ${missing}, duplicates ${duplicates} (log: ${stageProc.logFile})`);
  assert.equal(missing, 0, 'nothing lost');
  assert.equal(duplicates, 0, 'transactions: no duplicates');
});
