// Encryptor stage benchmark (issue 5), against the local stack: N generated events, classified by the
// real classifier code (every consent granted), are pre-loaded into a 6-partition topic with the
// events.classified.v1 schema; the passthrough stage and the encryptor stage each consume all of
// them in the same run with the same runtime settings (exactly-once) and the same timing method as
// test/bench/stream-runtime.ts (first to last committed offset). The encryptor runs with its
// production key store: DEKs created, wrapped by the local KMS and stored in PostgreSQL (a private
// schema), unwrapped DEKs in the LRU cache of the configured size (DEK_CACHE_MAX_ENTRIES default).
// - encryptor_records_per_s, passthrough_classified_records_per_s
// - encryptor_ratio_to_passthrough = encryptor / passthrough (goal ≥ 0.8)
// - encryptor_cpu_us_per_record, passthrough_cpu_us_per_record: this process's CPU time (user +
//   system, every thread) from each stage's start to its stop, per record (the passthrough's lower
//   of its two runs); encryptor_cpu_ratio_to_passthrough = passthrough / encryptor CPU per record,
//   the same direction as the rate ratio and far less disturbed by the machine's other load
// - dek_cache_hit_rate: that key store's own cache hits / lookups over the run, i.e. under the
//   generator's mix of subjects (200 children, pooled donors, volunteers, facilities, partners)
// The encryptor runs with its production runtime defaults (ENCRYPTOR_RUNTIME_DEFAULTS: RECORD_CONCURRENCY 16).
// Run alone: node --import tsx --conditions=source test/bench/encryptor.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { classify, planFields } from '@cwp/classifier';
import { KEYS_MIGRATIONS_DIR, createLocalKeyring, createLocalKms, createPgKeyStore } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { ENCRYPTOR_RUNTIME_DEFAULTS, createEncryptor, planEncryption } from '@cwp/encryptor';
import { createPassthrough } from '@cwp/passthrough';
import { createGenerator } from '@cwp/synthetic';
import { consentAll } from '../../services/pseudonymizer/test/support/encrypted-fixtures.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, produceRaw, registerSchema, serdeFor, uniqueName } from '../integration/helpers/stream-fixtures.js';
import { stackEnv } from '../support/stack.js';
import { timeStage } from './stream-runtime.js';

const PARTITIONS = 6;

/** Runs the encryptor stage benchmark. BENCH_ENCRYPTOR_N: events (default 20,000). */
export async function runEncryptorStageBench(): Promise<Record<string, number>> {
  const n = Number(process.env.BENCH_ENCRYPTOR_N ?? 20_000);
  const kafka = createKafka('cwp-bench-encryptor');
  const admin = kafka.admin();
  await admin.connect();
  const input = uniqueName('bench.encryptor.in');
  const passOut = uniqueName('bench.encryptor.passthrough.out');
  const encOut = uniqueName('bench.encryptor.out');
  const inSubject = `${input}-value`;
  const outSubject = `${encOut}-value`;
  const keysSchema = `keys_bench_${Date.now().toString(36)}`;
  const { databaseUrl } = stackEnv();
  const pool = createPool({ databaseUrl, applicationName: 'cwp-bench-encryptor', max: 6 });
  const dir = mkdtempSync(join(tmpdir(), 'cwp-bench-encryptor-'));
  try {
    await createTopics(admin, [input, passOut, encOut].map((topic) => ({ topic, partitions: PARTITIONS })).concat([{ topic: `${input}.dlq`, partitions: 1 }]));
    await registerSchema('cwp.events.ClassifiedEvent', inSubject);
    await registerSchema(ENCRYPTED_EVENT_NAME, outSubject);
    const serde = serdeFor();
    const catalog = loadSchemaCatalog();
    const plan = planFields(catalog.resolve('cwp.events.RawEvent'));
    const consent = { current: () => Promise.resolve(consentAll(true)) };
    const generated = createGenerator({ seed: `bench-encryptor-${Date.now()}` }).batch(n);
    const classified = await Promise.all(generated.map((g) => classify(g.event, { plan, consent, outputTopic: input })));
    const messages = await Promise.all(classified.map(async (e) => ({ key: e.subjectId, value: await serde.encode(inSubject, e) })));
    await produceRaw(kafka, input, messages);

    await migrate({ databaseUrl, dir: KEYS_MIGRATIONS_DIR, schema: keysSchema });
    writeFileSync(join(dir, 'keyring.json'), createLocalKeyring('bench-kek'), { mode: 0o600 });
    const keys = await createPgKeyStore({ pool, kms: createLocalKms({ file: join(dir, 'keyring.json') }), schema: keysSchema });
    const encryptor = createEncryptor({ plan: planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME)), keys, schemaId: await serde.latestId(outSubject), outputTopic: encOut });
    // Passthrough before and after the encryptor, the faster of the two kept: the order (warm-up,
    // page cache) cannot flatter the ratio.
    // The stages run in this process, so its CPU time (all threads: GC, libuv, crypto) from start to
    // stop of each stage is that stage's cost per record, a figure that the machine's other load
    // disturbs far less than a rate does.
    const withCpu = async (run: () => Promise<number>): Promise<{ rate: number; cpuUs: number }> => {
      const c0 = process.cpuUsage();
      const rate = await run();
      const d = process.cpuUsage(c0);
      return { rate, cpuUs: (d.user + d.system) / n };
    };
    const passthrough = () => withCpu(() => timeStage(admin, 'passthrough-classified', input, inSubject, passOut, inSubject, n, createPassthrough(passOut, inSubject)));
    const passBefore = await passthrough();
    const { rate: enc, cpuUs: encCpu } = await withCpu(() => timeStage(admin, 'encryptor', input, inSubject, encOut, outSubject, n, encryptor, { ...ENCRYPTOR_RUNTIME_DEFAULTS }));
    const passAfter = await passthrough();
    const pass = Math.max(passBefore.rate, passAfter.rate);
    const passCpu = Math.min(passBefore.cpuUs, passAfter.cpuUs);
    const { hits, misses } = keys.cacheStats();
    await keys.close();
    const subjects = new Set(classified.map((e) => e.subjectId)).size;
    return {
      encryptor_records_per_s: Math.round(enc),
      passthrough_classified_records_per_s: Math.round(pass),
      encryptor_ratio_to_passthrough: Number((enc / pass).toFixed(3)),
      encryptor_cpu_us_per_record: Number(encCpu.toFixed(1)),
      passthrough_cpu_us_per_record: Number(passCpu.toFixed(1)),
      encryptor_cpu_ratio_to_passthrough: Number((passCpu / encCpu).toFixed(3)),
      dek_cache_hit_rate: Number((hits / Math.max(1, hits + misses)).toFixed(4)),
      dek_cache_lookups: hits + misses,
      encryptor_bench_subjects: subjects,
      encryptor_bench_records: n,
    };
  } finally {
    await deleteTopics(admin, [input, `${input}.dlq`, passOut, encOut]);
    await deleteSubjects(inSubject, outSubject);
    await admin.disconnect();
    await pool.query(`DROP SCHEMA IF EXISTS "${keysSchema}" CASCADE`);
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runEncryptorStageBench();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
}
