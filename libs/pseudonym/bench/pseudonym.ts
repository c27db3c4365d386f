// Per-record cost of a pseudonym with each backend (derived keys cached, as in a stage): records/s
// of node:crypto and of @noble/hashes over the same ids, and their ratio, measured in the same run.
// Run: npm run bench --workspace=libs/pseudonym   (or node --import tsx --conditions=source bench/pseudonym.ts)
import { randomBytes } from 'node:crypto';
import { createPseudonymizer, type BackendName } from '../src/index.js';

const N = Number(process.env.BENCH_PSEUDONYM_N ?? 300_000);
const ROUNDS = 5;
const secret = randomBytes(32);
const ids = Array.from({ length: N }, (_, i) => `a1b2c3d4-${String(i).padStart(8, '0')}-4e5f-9a0b-c1d2e3f4a5b6`);
const purposes = ['analytics', 'research', 'risk'] as const;

function run(backend: BackendName): number {
  const p = createPseudonymizer({ secret, backend });
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sink += p.pseudonym(ids[i] ?? '', purposes[i % 3] ?? 'risk', '2026Q4').length;
  const ms = performance.now() - t0;
  if (sink === 0) throw new Error('unreachable: keeps the loop observable');
  return (N / ms) * 1000;
}

/** Best-of-ROUNDS records/s per backend, interleaved so both see the same machine state. */
export function runPseudonymBench(): Record<string, number> {
  run('node'); run('noble'); // warm-up (JIT, key cache)
  const best: Record<BackendName, number> = { node: 0, noble: 0 };
  for (let r = 0; r < ROUNDS; r++) for (const b of ['node', 'noble'] as const) best[b] = Math.max(best[b], run(b));
  return {
    pseudonym_node_records_per_s: Math.round(best.node),
    pseudonym_noble_records_per_s: Math.round(best.noble),
    pseudonym_node_to_noble_ratio: Number((best.node / best.noble).toFixed(3)),
  };
}

for (const [k, v] of Object.entries(runPseudonymBench())) process.stdout.write(`${k.padEnd(34)} ${v}\n`);
