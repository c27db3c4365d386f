// SIGTERM mid-stream: the passthrough stage finishes and commits the batch in hand, exits 0
// within 10 s, and its committed input offsets equal exactly what it produced, per partition
// (input and output have the same partition count and keys, so partition p feeds partition p).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin, Kafka } from 'kafkajs';
import {
  createKafka, createTopics, deleteSubjects, deleteTopics, exitWithin, generateEvents, highWatermarkSum, killHard, produceEvents, readTopic,
  registerProbeSchema, serdeFor, startPassthrough, uniqueName, waitFor, type StageProcess,
} from './helpers/stream-fixtures.js';

const PARTITIONS = 6;
const N = 20_000;
const input = uniqueName('it.sigterm.in');
const output = uniqueName('it.sigterm.out');
const group = uniqueName('it.sigterm.group');
let kafka: Kafka;
let admin: Admin;
let stageProc: StageProcess | undefined;

before(async () => {
  kafka = createKafka();
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic: input, partitions: PARTITIONS }, { topic: output, partitions: PARTITIONS }, { topic: `${input}.dlq`, partitions: 1 }]);
  await registerProbeSchema(`${input}-value`);
});

after(async () => {
  await killHard(stageProc);
  await deleteTopics(admin, [input, output, `${input}.dlq`]);
  await deleteSubjects(`${input}-value`);
  await admin.disconnect();
});

test('SIGTERM: exit 0 within 10 s, committed offsets equal the records produced per partition', { timeout: 120_000 }, async (t) => {
  await produceEvents(kafka, serdeFor(), input, generateEvents(N));
  stageProc = startPassthrough({ INPUT_TOPIC: input, OUTPUT_TOPIC: output, GROUP_ID: group, MAX_BYTES_PER_PARTITION: '65536' }, `it-sigterm-${group}`);
  await waitFor('the stage to produce', async () => (await highWatermarkSum(admin, output)) > 500, 60_000, 50);

  const sentAt = Date.now();
  stageProc.child.kill('SIGTERM');
  const exit = await exitWithin(stageProc, 12_000);
  const tookMs = Date.now() - sentAt;
  t.diagnostic(`exit ${JSON.stringify(exit)} after ${tookMs} ms (log: ${stageProc.logFile})`);
  assert.ok(exit !== null, 'the stage did not exit within 12 s');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(tookMs < 10_000, `took ${tookMs} ms`);

  const fetched = await admin.fetchOffsets({ groupId: group, topics: [input] });
  const committed = new Map(fetched[0]!.partitions.map((p) => [p.partition, p.offset === '-1' ? 0 : Number(p.offset)]));
  const total = [...committed.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`committed ${total} of ${N} input records at SIGTERM: ${JSON.stringify([...committed])}`);
  assert.ok(total > 0);

  const records = await readTopic(kafka, output, { until: (r) => r.length >= total, timeoutMs: 30_000, settleMs: 1500 });
  const produced = new Map<number, number>();
  for (const r of records) produced.set(r.partition, (produced.get(r.partition) ?? 0) + 1);
  for (let p = 0; p < PARTITIONS; p++) assert.equal(produced.get(p) ?? 0, committed.get(p) ?? 0, `partition ${p}: produced vs committed`);
  assert.equal(records.length, total);
});
