// Sampler throughput of @cwp/privacy (no stack needed): samples per second of each exact sampler,
// measured for ~1 s each after a warm-up, and each one's ratio to crypto.randomInt calls per second
// measured in the same run (the samplers' unit of work: every Bernoulli is one uniform integer).
// Run alone: node --import tsx --conditions=source test/bench/privacy.ts
import { randomInt } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bernoulliExp, createGaussianMechanism, laplaceNoiseForEpsilon, sampleDiscreteGaussian } from '@cwp/privacy';

const RUN_MS = 1000;

/** Calls `fn` in batches until RUN_MS has passed; returns calls per second. */
function rate(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn(); // warm-up (JIT)
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 1000; i++) fn();
    calls += 1000;
    elapsed = performance.now() - t0;
  }
  return Math.round((calls / elapsed) * 1000);
}

/** Samples/s of each sampler, plus the crypto.randomInt baseline and ratios to it. */
export async function runPrivacyBench(): Promise<Record<string, number>> {
  const gaussian = createGaussianMechanism({ sensitivity: 1, epsilon: '1', delta: '1e-6' });
  const baseline = rate(() => randomInt(1_000_003));
  const results: Record<string, number> = {
    privacy_crypto_randomint_per_s: baseline,
    privacy_bernoulli_exp_neg1_per_s: rate(() => bernoulliExp({ num: 1n, den: 1n })),
    privacy_discrete_laplace_eps0_1_samples_per_s: rate(() => laplaceNoiseForEpsilon(1, '0.1')),
    privacy_discrete_laplace_eps1_samples_per_s: rate(() => laplaceNoiseForEpsilon(1, '1')),
    privacy_discrete_gaussian_sigma2_4_samples_per_s: rate(() => sampleDiscreteGaussian({ num: 4n, den: 1n })),
    privacy_discrete_gaussian_eps1_delta1e6_samples_per_s: rate(() => gaussian.sample()),
  };
  results.privacy_discrete_laplace_eps0_1_vs_randomint_ratio = Math.round((results.privacy_discrete_laplace_eps0_1_samples_per_s! / baseline) * 1000) / 1000;
  results.privacy_discrete_gaussian_eps1_vs_randomint_ratio = Math.round((results.privacy_discrete_gaussian_eps1_delta1e6_samples_per_s! / baseline) * 1000) / 1000;
  return Promise.resolve(results);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, value] of Object.entries(await runPrivacyBench())) process.stdout.write(`${name.padEnd(56)} ${value}\n`);
}
