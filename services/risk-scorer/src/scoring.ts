// Explainable scoring (pure): for each condition, score = Σ weight(signal) × 2^(-age / halfLife) over
// the child's signals younger than the condition's window, age measured in event time from the
// newest signal. The severity is the highest threshold reached, raised by an escalation rule when all
// of its signal patterns occurred within its time span. Every number comes from the rule set, and the
// alert lists each signal with its weight and decayed contribution.
import type { ChildSafetySeverity, RiskSignal } from '@cwp/avro';
import type { Condition, RuleSet } from './rules.js';
import { SEVERITIES } from './rules.js';
import type { Signal } from './signals.js';

/** Largest number of signals an alert lists (largest contributions first). */
export const MAX_LISTED_SIGNALS = 25;

/** The score of one condition at the newest signal's event time. */
export interface ConditionScore {
  readonly condition: Condition;
  readonly score: number;
  /** null: below the MEDIUM threshold and no escalation applies. */
  readonly severity: ChildSafetySeverity | null;
  /** Escalation rule that raised the severity above what the score alone gives, if any. */
  readonly escalation: string | null;
  /** Contributing signals, largest contribution first (at most MAX_LISTED_SIGNALS; escalation marker first). */
  readonly signals: readonly RiskSignal[];
}

function matchesUncached(pattern: string, signalType: string): boolean {
  const p = pattern.split(':');
  const t = signalType.split(':');
  if (p.length > t.length) return false;
  return p.every((seg, i) => seg === '*' || seg === t[i]);
}

// Patterns come from the rule file and signal types from Avro enums, so both sets are small; the
// per-record path (relevance, weights, escalations) asks the same pairs over and over. Cached per
// pattern, then per signal type (no key strings built per call); bounded anyway.
const MATCH_CACHE_MAX = 65_536;
const matchCache = new Map<string, Map<string, boolean>>();
let matchCacheSize = 0;

/** True when `pattern` (segments, '*' = any, shorter = prefix) matches `signalType`. */
export function matches(pattern: string, signalType: string): boolean {
  let byType = matchCache.get(pattern);
  if (!byType) matchCache.set(pattern, (byType = new Map<string, boolean>()));
  let hit = byType.get(signalType);
  if (hit === undefined) {
    hit = matchesUncached(pattern, signalType);
    if (matchCacheSize >= MATCH_CACHE_MAX) {
      matchCache.clear();
      matchCacheSize = 0;
      matchCache.set(pattern, byType = new Map<string, boolean>());
    }
    byType.set(signalType, hit);
    matchCacheSize += 1;
  }
  return hit;
}

// One escalation clause's alternatives against a signal type, cached per clause (the rule set's own arrays).
const anyCache = new WeakMap<readonly string[], Map<string, boolean>>();

function matchesAny(alternatives: readonly string[], signalType: string): boolean {
  let byType = anyCache.get(alternatives);
  if (!byType) anyCache.set(alternatives, (byType = new Map<string, boolean>()));
  let hit = byType.get(signalType);
  if (hit === undefined) {
    hit = alternatives.some((p) => matches(p, signalType));
    if (byType.size >= MATCH_CACHE_MAX) byType.clear();
    byType.set(signalType, hit);
  }
  return hit;
}

function specificity(pattern: string): number {
  return pattern.split(':').filter((s) => s !== '*').length;
}

const weightCache = new WeakMap<Condition, Map<string, number>>();

function weightsOf(condition: Condition): Map<string, number> {
  let cache = weightCache.get(condition);
  if (!cache) weightCache.set(condition, (cache = new Map<string, number>()));
  return cache;
}

function weightIn(condition: Condition, cache: Map<string, number>, signalType: string): number {
  const hit = cache.get(signalType);
  if (hit !== undefined) return hit;
  let best = -1;
  let weight = 0;
  for (const [pattern, w] of condition.weights) {
    if (!matches(pattern, signalType)) continue;
    const s = specificity(pattern);
    if (s > best || (s === best && w > weight)) { best = s; weight = w; }
  }
  cache.set(signalType, weight);
  return weight;
}

/** The weight of `signalType` in `condition`: the most specific matching pattern, on a tie the larger weight (over-reacting is the safe failure); 0 when none matches. */
export function weightOf(condition: Condition, signalType: string): number {
  return weightIn(condition, weightsOf(condition), signalType);
}

const relevanceCache = new WeakMap<RuleSet, Map<string, boolean>>();

/** True when some condition gives `signalType` a positive weight or names it in an escalation: only then is it stored. */
export function isRelevant(rules: RuleSet, signalType: string): boolean {
  let cache = relevanceCache.get(rules);
  if (!cache) relevanceCache.set(rules, (cache = new Map<string, boolean>()));
  let hit = cache.get(signalType);
  if (hit === undefined) {
    hit = rules.conditions.some((c) => weightOf(c, signalType) > 0
      || c.escalations.some((e) => e.allOf.some((alts) => matchesAny(alts, signalType))));
    cache.set(signalType, hit);
  }
  return hit;
}

function severityFor(condition: Condition, score: number): ChildSafetySeverity | null {
  let sev: ChildSafetySeverity | null = null;
  for (const s of SEVERITIES) if (score >= condition.thresholds[s]) sev = s;
  return sev;
}

/** Rank of a severity (MEDIUM 0 … CRITICAL 2), -1 for none. */
export function rank(sev: ChildSafetySeverity | null): number {
  return sev === null ? -1 : SEVERITIES.indexOf(sev);
}

/** Scores every condition over `signals` (in processing order) at the newest signal's event time. */
export function scoreConditions(rules: RuleSet, signals: readonly Signal[], triggeringEventId: string): ConditionScore[] {
  const now = signals.reduce((m, s) => Math.max(m, s.occurredAt), Number.NEGATIVE_INFINITY);
  return rules.conditions.map((condition) => {
    let score = 0;
    const listed: RiskSignal[] = [];
    const weights = weightsOf(condition);
    for (const s of signals) {
      const age = now - s.occurredAt;
      if (age > condition.windowMs) continue;
      const weight = weightIn(condition, weights, s.signalType);
      if (weight <= 0) continue;
      const contribution = weight * 2 ** (-age / condition.halfLifeMs);
      score += contribution;
      listed.push({ signalType: s.signalType, eventId: s.eventId, weight, contribution, occurredAt: s.occurredAt });
    }
    let severity = severityFor(condition, score);
    let escalation: string | null = null;
    for (const e of condition.escalations) {
      if (rank(e.severity) <= rank(severity)) continue;
      const met = e.allOf.every((alts) => signals.some((s) => now - s.occurredAt <= e.withinMs && matchesAny(alts, s.signalType)));
      if (met) { severity = e.severity; escalation = e.name; }
    }
    listed.sort((a, b) => b.contribution - a.contribution || a.occurredAt - b.occurredAt);
    const top = listed.slice(0, escalation ? MAX_LISTED_SIGNALS - 1 : MAX_LISTED_SIGNALS);
    if (escalation) top.unshift({ signalType: `ESCALATION:${escalation}`, eventId: triggeringEventId, weight: 0, contribution: 0, occurredAt: now });
    return { condition, score, severity, escalation, signals: top };
  });
}
