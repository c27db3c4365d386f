// Detectors run independently and may claim the same characters (a NIK that also parses as a
// date, a street named after a person). One span keeps each character.
import type { Finding } from './types.js';

/** Orders by confidence, then length, then position: the winner of any overlap comes first. */
function precedence(a: Finding, b: Finding): number {
  return b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start) || a.start - b.start || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);
}

/** Returns non-overlapping findings sorted by start; of overlapping ones the higher confidence, then the longer span wins. Deterministic. */
export function resolveOverlaps(candidates: readonly Finding[]): Finding[] {
  if (candidates.length < 2) return [...candidates];
  const ranked = [...candidates].sort(precedence);
  const kept: Finding[] = [];
  for (const c of ranked) {
    let free = true;
    for (const k of kept) {
      if (c.start < k.end && k.start < c.end) {
        free = false;
        break;
      }
    }
    if (free) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
