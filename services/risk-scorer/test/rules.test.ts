import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@cwp/errors';
import { DEFAULT_RULES_PATH, loadRules, parseRules, weightOf, matches, isRelevant } from '../src/index.js';

const shipped = JSON.parse(readFileSync(DEFAULT_RULES_PATH, 'utf8')) as { conditions: Record<string, Record<string, unknown>> };

test('the shipped rules validate, with times in ms and the default hysteresis', () => {
  const rules = loadRules();
  assert.ok(rules.conditions.length >= 6);
  const missing = rules.conditions.find((c) => c.name === 'MISSING_CHILD');
  assert.equal(missing?.halfLifeMs, 168 * 3_600_000);
  assert.equal(missing?.closeBelow, 20);
  assert.ok(Object.isFrozen(rules) && Object.isFrozen(rules.conditions[0]));
});

test('invalid rules fail at start with one ConfigError naming every problem', () => {
  const bad = structuredClone(shipped);
  const c = bad.conditions.MISSING_CHILD!;
  c.thresholds = { MEDIUM: 80, HIGH: 70, CRITICAL: 100 };
  c.halfLifeHours = -1;
  c.weights = { 'missing child': 3 };
  assert.throws(() => parseRules(bad), (err: unknown) => err instanceof ConfigError
    && /MISSING_CHILD\.thresholds/.test(err.message) && /halfLifeHours/.test(err.message) && /weights/.test(err.message));
  assert.throws(() => parseRules({ version: 'x', conditions: {} }), ConfigError);
  assert.throws(() => loadRules('/nonexistent/rules.json'), ConfigError);
});

test('the most specific pattern gives the weight; ties take the larger weight', () => {
  const abuse = loadRules().conditions.find((c) => c.name === 'ABUSE_OR_EXPLOITATION')!;
  assert.equal(weightOf(abuse, 'INCIDENT_REPORT:NEGLECT:HIGH'), 50);
  assert.equal(weightOf(abuse, 'INCIDENT_REPORT:SEXUAL_ABUSE:HIGH'), 75, 'tie of two literal segments: the larger weight');
  assert.equal(weightOf(abuse, 'INCIDENT_REPORT:SEXUAL_ABUSE:CRITICAL'), 120, 'three literal segments win');
  assert.equal(weightOf(abuse, 'INCIDENT_REPORT:BULLYING:LOW'), 5);
  assert.equal(weightOf(abuse, 'MISSED_CHECK_IN'), 0);
  assert.ok(matches('CARETAKER_CHANGE', 'CARETAKER_CHANGE:ABANDONMENT'));
  assert.ok(!matches('CARETAKER_CHANGE:ABANDONMENT', 'CARETAKER_CHANGE'));
  assert.ok(!isRelevant(loadRules(), 'HEALTH_OBSERVATION:ROUTINE_CHECK:LOW'));
  assert.ok(isRelevant(loadRules(), 'CARETAKER_CHANGE:COURT_ORDER'));
});
