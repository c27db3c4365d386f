import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { loadBudgets, parseBudgets } from '../src/budgets-config.js';

test('the shipped budgets file is valid and carries the seeds\' per-release ε', () => {
  const budgets = loadBudgets();
  const perRelease = Object.fromEntries(budgets.policies.map((p) => [p.category, p.epsilonPerRelease]));
  assert.deepEqual(perRelease, { 'child-demographics': '0.1', 'aggregate-outcomes': '0.5', research: '1', 'public-statistics': '2' });
  assert.equal(budgets.policy('government', 'children-in-care')?.epsilonCap, '1');
  assert.equal(budgets.policy('business', 'children-in-care'), null);
  const stakeholders = new Set(budgets.policies.map((p) => p.stakeholder));
  assert.deepEqual([...stakeholders].sort(), ['academia', 'business', 'community', 'government', 'media']);
});

const base = {
  categories: { 'child-demographics': { epsilonPerRelease: '0.1' }, 'aggregate-outcomes': { epsilonPerRelease: '0.5' }, research: { epsilonPerRelease: '1' }, 'public-statistics': { epsilonPerRelease: '2' } },
  datasets: { x: { category: 'research', caps: { academia: '2' } } },
};

test('bad files are refused with every problem named', () => {
  assert.throws(() => parseBudgets({ ...base, datasets: { 'Bad Name': { category: 'research', caps: {} } } }), (err: unknown) => err instanceof ConfigError && /Bad Name/.test(err.message));
  assert.throws(() => parseBudgets({ ...base, datasets: { y: { category: 'nope', caps: { police: '1' } } } }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /2 problem\(s\)/);
    assert.match(err.message, /datasets\.y\.category/);
    assert.match(err.message, /datasets\.y\.caps: Unrecognized key: "police"/);
    return true;
  });
  assert.throws(() => parseBudgets({ ...base, datasets: { x: { category: 'research', caps: { academia: '-1' } } } }), /non-negative decimal/);
  assert.throws(() => parseBudgets({ ...base, datasets: { x: { category: 'research', caps: { academia: '0.5' } } } }), /not even one default release fits/);
  assert.throws(() => parseBudgets({ ...base, categories: { ...base.categories, research: { epsilonPerRelease: '0' } } }), /greater than zero/);
  assert.throws(() => parseBudgets({ ...base, surprise: true }), ConfigError);
  assert.equal(parseBudgets({ ...base, datasets: { x: { category: 'research', caps: { academia: '0' } } } }).policy('academia', 'x')?.epsilonCap, '0');
});
