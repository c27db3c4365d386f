// The test statistics themselves, against textbook values (a wrong p-value would make every
// distribution test meaningless).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquarePValue, discreteGaussianPmf, discreteLaplacePmf, gammaQ, hoeffdingRadius } from './support/stats.js';

const close = (a: number, b: number, tol: number): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('χ² upper tail matches tables', () => {
  close(chiSquarePValue(3.841459, 1), 0.05, 1e-6);
  close(chiSquarePValue(18.307038, 10), 0.05, 1e-6);
  close(chiSquarePValue(124.342113, 100), 0.05, 1e-6);
  close(chiSquarePValue(6.634897, 1), 0.01, 1e-7);
  close(chiSquarePValue(2, 2), Math.exp(-1), 1e-12); // df 2: Q = e^{−x/2}
  close(gammaQ(1, 3), Math.exp(-3), 1e-12);
});

test('pmfs sum to one', () => {
  for (const pmf of [discreteLaplacePmf(2), discreteLaplacePmf(0.5), discreteGaussianPmf(4), discreteGaussianPmf(0.25)]) {
    let s = 0;
    for (let x = -400; x <= 400; x++) s += pmf(x);
    close(s, 1, 1e-12);
  }
});

test('Hoeffding radius', () => {
  close(hoeffdingRadius(200_000, 1e-8), Math.sqrt(Math.log(2e8) / 400_000), 1e-15);
});
