// `make bench`: runs every benchmark suite against the local stack, prints one table and writes the
// same figures to bench-results.json at the repository root as {"name": number}. Ratios are taken
// against baselines measured in the same run, never against numbers from another machine or day.
import { writeFileSync } from 'node:fs';
import { REPO_ROOT } from '../support/stack.js';

type Suite = { name: string; run: () => Promise<Record<string, number>> };

const suites: Suite[] = [
  { name: 'stream-runtime', run: async () => (await import('./stream-runtime.js')).runStreamRuntimeBench() },
  { name: 'risk-latency', run: async () => (await import('./risk-latency.js')).runRiskLatencyBench() },
  { name: 'risk-capacity', run: async () => (await import('./risk-capacity.js')).runRiskCapacityBench() },
  { name: 'privacy', run: async () => (await import('./privacy.js')).runPrivacyBench() },
  { name: 'pseudonymizer', run: async () => (await import('./pseudonymizer.js')).runPseudonymizerBench() },
  { name: 'ingest', run: async () => (await import('./ingest.js')).runIngestBench() },
  { name: 'encryptor', run: async () => (await import('./encryptor.js')).runEncryptorStageBench() },
  { name: 'encryptor-cpu', run: async () => (await import('../../libs/crypto/bench/encrypt-record.js')).runEncryptorBench() },
  { name: 'aggregator', run: async () => (await import('../../services/aggregator/test/bench/aggregator.bench.js')).runAggregatorBench() },
];

const only = process.argv[2];
const results: Record<string, number> = {};
const failed: string[] = [];
for (const suite of suites.filter((s) => !only || s.name === only)) {
  process.stdout.write(`bench: ${suite.name} ...\n`);
  try {
    Object.assign(results, await suite.run());
  } catch (err) {
    // One suite's failure is reported, and the others still run and are written.
    failed.push(suite.name);
    process.stdout.write(`bench: ${suite.name} FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

const width = Math.max(...Object.keys(results).map((k) => k.length), 10);
process.stdout.write(`\n${'metric'.padEnd(width)}  value\n${'-'.repeat(width)}  ${'-'.repeat(14)}\n`);
for (const [name, value] of Object.entries(results)) {
  process.stdout.write(`${name.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(3)}\n`);
}
writeFileSync(`${REPO_ROOT}bench-results.json`, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten to bench-results.json\n`);
if (failed.length > 0) {
  process.stdout.write(`bench: ${failed.length} suite(s) failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
