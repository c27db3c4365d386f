// Per-record encryption CPU cost, without Kafka (issue 5; the stage-level figures,
// encryptor_ratio_to_passthrough and dek_cache_hit_rate, come from test/bench/encryptor.ts).
// Baseline, measured in the same run: what the passthrough stage does per record besides Kafka —
// Avro-encode the classified event. Candidate: seal every protected field (one AES-256-GCM call per
// record over all present fields, format version 2, random IV, AAD) and Avro-encode the encrypted
// event. For comparison, the cost of one per-field seal of format version 1. The DEK is a cache hit, as
// in steady state. Ratio = baseline throughput share: encode / (seal + encode), computed on CPU
// time per record; the stage's Kafka costs (identical for both) are not included here, so the
// end-to-end ratio is higher. Also: the hit rate a bare LRU of the production size would have under
// the generator's subject mix (dek_cache_model_hit_rate), a model of the stage's measured one.
//   node --import tsx --conditions=source libs/crypto/bench/encrypt-record.ts   (or `make bench`, suite encryptor-cpu)
import { createSecretKey, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import type { ClassifiedEvent } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import { planEncryption, sealEvent } from '@cwp/encryptor';
import { createLruCache, envelopeHeader, sealField } from '../src/index.js';

/** Runs the per-record encryption benchmark; figures for bench-results.json (the ratio is CPU work only, Kafka excluded). */
export function runEncryptorBench(): Record<string, number> {
  const catalog = loadSchemaCatalog();
  const classifiedType = catalog.type('cwp.events.ClassifiedEvent');
  const encryptedType = catalog.type(ENCRYPTED_EVENT_NAME);
  const plan = planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME));
  const dek = { keyId: 'k1_benchbenchbenchbenchbe', version: 1, key: createSecretKey(randomBytes(32)) };
  const N = Number(process.env['BENCH_RECORDS'] ?? 20_000);

  const events: ClassifiedEvent[] = createGenerator({ seed: 'bench-encrypt' }).batch(N).map(({ event }) => ({
    ...event, classifiedAt: event.occurredAt, overallSensitivity: 'RESTRICTED', fieldSensitivity: [], piiFindings: [], consentRequired: true, consent: [],
  }));

  function time(label: string, fn: () => void): number {
    for (let w = 0; w < 2; w += 1) fn();
    const start = process.hrtime.bigint();
    fn();
    const ns = Number(process.hrtime.bigint() - start);
    process.stdout.write(`${label.padEnd(44)} ${(ns / N / 1000).toFixed(2).padStart(8)} µs/record  ${Math.round(N / (ns / 1e9)).toLocaleString('en').padStart(10)} records/s\n`);
    return ns;
  }

  let sink = 0;
  const baseline = time('passthrough work (Avro encode)', () => { for (const e of events) sink += classifiedType.toBuffer(e).length; });
  time('seal fields only', () => { for (const e of events) sink += Object.keys(sealEvent(e, dek, plan, 1, 0).payload).length; });
  const full = time('encryptor work (seal + Avro encode)', () => { for (const e of events) sink += encryptedType.toBuffer(sealEvent(e, dek, plan, 1, 0)).length; });
  const header = envelopeHeader(dek.keyId, dek.version);
  const oneField = Buffer.from(JSON.stringify('Jl. Merdeka No. 12, RT 003/RW 005'));
  const fieldNs = time('one v1 field seal (one GCM call)', () => { for (let i = 0; i < N; i += 1) sink += sealField(dek, { eventId: 'e', fieldPath: 'payload.X.street', schemaId: 1 }, oneField, header).length; });
  // Protected fields present per record: the ciphertext slots of the output.
  const countSlots = (v: unknown): number => (Buffer.isBuffer(v) ? 1 : Array.isArray(v) ? v.reduce((a: number, x) => a + countSlots(x), 0)
    : typeof v === 'object' && v !== null ? Object.values(v).reduce((a: number, x) => a + countSlots(x), 0) : 0);
  const fields = events.reduce((a, e) => a + countSlots(sealEvent(e, dek, plan, 1, 0).payload), 0) / N;

  // DEK cache hit rate: the generator's subject mix through the production cache size.
  const cache = createLruCache<number>({ maxEntries: 10_000, ttlMs: 300_000 });
  for (const e of createGenerator({ seed: 'bench-cache' }).batch(100_000)) if (cache.get(e.event.subjectId) === undefined) cache.set(e.event.subjectId, 1);
  const { hits, misses } = cache.stats();

  process.stdout.write(`\n${fields.toFixed(1)} protected fields per record, sealed by one GCM call (v1 would take ${fields.toFixed(1)} x ${(fieldNs / N / 1000).toFixed(1)} µs)\n`);
  process.stdout.write(`encryptor_ratio_to_passthrough (CPU, excluding Kafka) ${(baseline / full).toFixed(3)}\n`);
  process.stdout.write(`dek_cache_hit_rate (100k generated events, 10k entries) ${(hits / (hits + misses)).toFixed(4)}  (${misses} distinct-subject misses)\n`);
  if (sink < 0) process.stdout.write('');
  return {
    encryptor_cpu_ratio_to_passthrough_work: Number((baseline / full).toFixed(4)),
    encryptor_protected_fields_per_record: Number(fields.toFixed(2)),
    encryptor_cipher_calls_per_record: 1,
    dek_cache_model_hit_rate: Number((hits / (hits + misses)).toFixed(4)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runEncryptorBench();
