// Pseudonymizer benchmark, against the local stack: N encrypted events (generated, classified and
// sealed through the real classifier and encryptor code, then replicated with fresh event ids) are
// pre-loaded into a 6-partition topic with the events.encrypted.v1 schema; the passthrough stage
// and the pseudonymizer stage each consume all of them in the same run, same runtime settings
// (exactly-once), same timing method as test/bench/stream-runtime.ts (first to last committed offset).
// The pseudonymizer's output is ~4x smaller than its input (no ciphertexts), so it can beat the
// passthrough, which re-encodes and produces every input byte: a ratio near or above 1 is possible.
// - pseudonymizer_records_per_s, passthrough_encrypted_records_per_s
// - pseudonymizer_ratio_to_passthrough = pseudonymizer / passthrough (1.0 = the transform is free)
// - pseudonymizer_transform_records_per_s: the transform alone, in memory (no Kafka), for scale
// Run alone: node --import tsx --conditions=source test/bench/pseudonymizer.ts
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ENCRYPTED_EVENT_NAME } from '@cwp/avro';
import { createPassthrough } from '@cwp/passthrough';
import { createPseudonymizer } from '@cwp/pseudonym';
import { PSEUDONYMIZED_EVENT_NAME, createEventPseudonymizer, createPseudonymizerTransform, loadGeneralisationConfig } from '@cwp/pseudonymizer';
import type { EncryptedEventIn } from '@cwp/pseudonymizer';
import { createGenerator } from '@cwp/synthetic';
import { encryptGenerated } from '../../services/pseudonymizer/test/support/encrypted-fixtures.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, produceRaw, registerSchema, serdeFor, uniqueName } from '../integration/helpers/stream-fixtures.js';
import { timeStage } from './stream-runtime.js';

const PARTITIONS = 6;

/**
 * Runs the pseudonymizer benchmark. BENCH_PSEUDONYMIZER_N: events (default 30,000), replicated from
 * BENCH_PSEUDONYMIZER_DISTINCT distinct encrypted events (default 2,000; classify + seal is the slow part of the set-up).
 */
export async function runPseudonymizerBench(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_PSEUDONYMIZER_N ?? 30_000);
  const distinct = Math.min(n, Number(process.env.BENCH_PSEUDONYMIZER_DISTINCT ?? 2_000));
  const kafka = createKafka('cwp-bench-pseudonymizer');
  const admin = kafka.admin();
  await admin.connect();
  const input = uniqueName('bench.pseudonymizer.in');
  const passOut = uniqueName('bench.pseudonymizer.passthrough.out');
  const pseudoOut = uniqueName('bench.pseudonymizer.out');
  const inSubject = `${input}-value`;
  const outSubject = `${pseudoOut}-value`;
  try {
    await createTopics(admin, [input, passOut, pseudoOut].map((topic) => ({ topic, partitions: PARTITIONS })).concat([{ topic: `${input}.dlq`, partitions: 1 }]));
    await registerSchema(ENCRYPTED_EVENT_NAME, inSubject);
    await registerSchema(PSEUDONYMIZED_EVENT_NAME, outSubject);
    const serde = serdeFor();
    const base = (await encryptGenerated(createGenerator({ seed: `bench-pseudonymizer-${Date.now()}` }).batch(distinct))).map((f) => f.encrypted);
    const events: EncryptedEventIn[] = Array.from({ length: n }, (_, i) => (i < distinct ? base[i]! : { ...base[i % distinct]!, eventId: randomUUID() }));
    const messages = await Promise.all(events.map(async (e) => ({ key: e.subjectId, value: await serde.encode(inSubject, e) })));
    await produceRaw(kafka, input, messages);

    const pseudonyms = createPseudonymizer({ secret: randomBytes(32) });
    const generalisation = loadGeneralisationConfig();
    // Passthrough before and after the pseudonymizer, the faster of the two kept: the order (warm-up,
    // page cache) cannot flatter the ratio.
    const passthrough = () => timeStage(admin, 'passthrough-encrypted', input, inSubject, passOut, inSubject, n, createPassthrough(passOut, inSubject));
    const passBefore = await passthrough();
    const pseudo = await timeStage(admin, 'pseudonymizer', input, inSubject, pseudoOut, outSubject, n, createPseudonymizerTransform({ pseudonyms, generalisation, outputTopic: pseudoOut }));
    const pass = Math.max(passBefore, await passthrough());

    // The transform alone, best of 3 passes over the same events.
    const run = createEventPseudonymizer({ pseudonyms: createPseudonymizer({ secret: randomBytes(32) }), generalisation, outputTopic: pseudoOut });
    let best = 0;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      for (const e of events) run(e);
      best = Math.max(best, (events.length / (performance.now() - t0)) * 1000);
    }
    return {
      pseudonymizer_records_per_s: Math.round(pseudo),
      passthrough_encrypted_records_per_s: Math.round(pass),
      pseudonymizer_ratio_to_passthrough: Number((pseudo / pass).toFixed(3)),
      pseudonymizer_transform_records_per_s: Math.round(best),
      pseudonymizer_bench_records: n,
      pseudonymizer_bench_avg_input_bytes: Math.round(messages.reduce((s, m) => s + m.value.length, 0) / messages.length),
    };
  } finally {
    await deleteTopics(admin, [input, `${input}.dlq`, passOut, pseudoOut]);
    await deleteSubjects(inSubject, outSubject);
    await admin.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runPseudonymizerBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
}
