// Crash test (issue 3): 20,000 generated events flow at full speed through the passthrough
// stage; it is SIGKILLed at a random moment mid-stream and restarted. Reading the output
// read_committed, every input event id is present; with transactions there are no duplicates.
import { randomInt } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin, Kafka } from 'kafkajs';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, eventIdCounts, generateEvents, highWatermarkSum, killHard, produceEvents, readTopic,
  registerProbeSchema, serdeFor, startPassthrough, uniqueName, waitFor, type StageProcess,
} from './helpers/stream-fixtures.js';

const PARTITIONS = 6;
const N = 20_000;
const input = uniqueName('it.crash.in');
const output = uniqueName('it.crash.out');
const group = uniqueName('it.crash.group');
let kafka: Kafka;
let admin: Admin;
const procs: StageProcess[] = [];

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: PARTITIONS }, { topic: output, partitions: PARTITIONS }, { topic: `${input}.dlq`, partitions: 1 }]);
  await registerProbeSchema(`${input}-value`);
});

after(async () => {
  for (const p of procs) await killHard(p);
  await deleteTopics(admin, [input, output, `${input}.dlq`]);
  await deleteSubjects(`${input}-value`);
  await admin.disconnect();
});

test('SIGKILL mid-stream and restart: every event id in the output, no duplicates', { timeout: 180_000 }, async (t) => {
  const serde = serdeFor();
  const events = generateEvents(N);
  await produceEvents(kafka, serde, input, events);
  // Small fetches make many small transactions, so the kill lands between and inside them.
  const env = { INPUT_TOPIC: input, OUTPUT_TOPIC: output, GROUP_ID: group, MAX_BYTES_PER_PARTITION: '32768' };

  const first = startPassthrough(env, `it-crash-${group}-1`);
  procs.push(first);
  // A random point between 10 % and 70 % of the stream (output high watermarks include
  // uncommitted records and markers: the kill can land inside an open transaction).
  const killAt = randomInt(Math.floor(N * 0.1), Math.floor(N * 0.7));
  await waitFor(`the output to pass ${killAt} records`, async () => (await highWatermarkSum(admin, output)) >= killAt, 90_000, 20);
  first.child.kill('SIGKILL');
  await first.exited;
  const atKill = await highWatermarkSum(admin, output);
  t.diagnostic(`SIGKILL after ~${killAt} output records (high watermarks ${atKill})`);

  const second = startPassthrough(env, `it-crash-${group}-2`);
  procs.push(second);
  const records = await readTopic(kafka, output, { until: (r) => r.length >= N, timeoutMs: 120_000, settleMs: 2000 });
  const counts = await eventIdCounts(serde, records);
  const missing = events.filter((e) => !counts.has(e.eventId)).length;
  const duplicates = records.length - counts.size;
  t.diagnostic(`output records ${records.length}, distinct ids ${counts.size}, missing ${missing}, duplicates ${duplicates} (logs: ${first.logFile}, ${second.logFile})`);
  assert.equal(missing, 0, 'every input event id is in the output');
  assert.equal(duplicates, 0, 'transactions: no duplicates');
  await killHard(second);
});
