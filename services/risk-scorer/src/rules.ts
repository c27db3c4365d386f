// The rule set: weights, half-lives, windows, thresholds and escalations, read from
// config/rules.json and validated once at start (zod), then frozen. Everything an alert says about
// why it fired comes from here, so the file is the explanation an officer or auditor reads.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';
import type { ChildSafetySeverity } from '@cwp/avro';

/** Alert severities, lowest first. */
export const SEVERITIES = ['MEDIUM', 'HIGH', 'CRITICAL'] as const satisfies readonly ChildSafetySeverity[];

/** Default location of the rules, relative to this package. */
export const DEFAULT_RULES_PATH = new URL('../config/rules.json', import.meta.url).pathname;

const SEGMENT = '(?:[A-Z][A-Z0-9_]*|\\*)';
const PATTERN = new RegExp(`^[A-Z][A-Z0-9_]*(?::${SEGMENT}){0,2}$`);
const pattern = z.string().regex(PATTERN, 'a signal pattern: EVENT_TYPE[:REFINEMENT|*[:SEVERITY|*]]');

const escalationSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/).describe('shown in the alert as signal ESCALATION:<name>'),
  allOf: z.array(z.string().min(1).refine((s) => s.split('|').every((p) => PATTERN.test(p)), "patterns separated by '|'")).min(1),
  withinHours: z.number().positive(),
  severity: z.enum(SEVERITIES),
}).strict();

const conditionSchema = z.object({
  description: z.string().min(1),
  halfLifeHours: z.number().positive().describe('a signal counts half after this many hours'),
  windowDays: z.number().positive().describe('signals older than this (relative to the newest) no longer count'),
  thresholds: z.object({ MEDIUM: z.number().positive(), HIGH: z.number().positive(), CRITICAL: z.number().positive() }).strict()
    .refine((t) => t.MEDIUM < t.HIGH && t.HIGH < t.CRITICAL, 'thresholds must rise: MEDIUM < HIGH < CRITICAL'),
  weights: z.record(pattern, z.number().min(0)).refine((w) => Object.keys(w).length > 0, 'at least one weight'),
  closeBelow: z.number().min(0).optional().describe('an open alert closes when the score falls below this (default: half the MEDIUM threshold)'),
  escalations: z.array(escalationSchema).default([]),
}).strict().refine((c) => c.closeBelow === undefined || c.closeBelow <= c.thresholds.MEDIUM, 'closeBelow must not exceed the MEDIUM threshold');

const ruleFileSchema = z.object({
  $comment: z.string().optional(),
  version: z.string().min(1).max(64),
  conditions: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/), conditionSchema)
    .refine((c) => Object.keys(c).length > 0, 'at least one condition'),
}).strict();

/** One escalation rule: every allOf entry matched by a signal within withinHours → at least `severity`. */
export interface Escalation {
  readonly name: string;
  readonly allOf: readonly (readonly string[])[];
  readonly withinMs: number;
  readonly severity: ChildSafetySeverity;
}

/** One condition, ready for scoring (times in ms). */
export interface Condition {
  readonly name: string;
  readonly description: string;
  readonly halfLifeMs: number;
  readonly windowMs: number;
  readonly thresholds: Readonly<Record<ChildSafetySeverity, number>>;
  /** Hysteresis: an open alert closes only below this score. */
  readonly closeBelow: number;
  /** Patterns in file order with their weights. */
  readonly weights: readonly (readonly [string, number])[];
  readonly escalations: readonly Escalation[];
}

/** A validated, frozen rule set. */
export interface RuleSet {
  readonly version: string;
  readonly conditions: readonly Condition[];
  /** The longest window of any condition: older signals are irrelevant to every score. */
  readonly maxWindowMs: number;
}

const HOUR_MS = 3_600_000;

/** Validates parsed JSON into a RuleSet; one ConfigError lists every problem with its path. */
export function parseRules(json: unknown, source = 'rules'): RuleSet {
  const parsed = ruleFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid, ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const conditions = Object.entries(parsed.data.conditions).map(([name, c]): Condition => Object.freeze({
    name,
    description: c.description,
    halfLifeMs: c.halfLifeHours * HOUR_MS,
    windowMs: c.windowDays * 24 * HOUR_MS,
    thresholds: Object.freeze({ ...c.thresholds }),
    closeBelow: c.closeBelow ?? c.thresholds.MEDIUM / 2,
    weights: Object.freeze(Object.entries(c.weights).map(([p, w]) => Object.freeze([p, w] as const))),
    escalations: Object.freeze(c.escalations.map((e) => Object.freeze({
      name: e.name, allOf: Object.freeze(e.allOf.map((a) => Object.freeze(a.split('|')))), withinMs: e.withinHours * HOUR_MS, severity: e.severity,
    }))),
  }));
  return Object.freeze({
    version: parsed.data.version,
    conditions: Object.freeze(conditions),
    maxWindowMs: Math.max(...conditions.map((c) => c.windowMs)),
  });
}

/** Reads and validates the rule file at `path` (default config/rules.json). */
export function loadRules(path: string = DEFAULT_RULES_PATH): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read the risk rules at ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return parseRules(json, path);
}
