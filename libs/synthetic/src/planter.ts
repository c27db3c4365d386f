// Records every personal-data string written into an event, so leak tests can search for it.
import type { PiiKind, PlantedPii } from './types.js';

/** Collects planted values for one event, de-duplicated, in first-written order. */
export interface Planter {
  /** Records `value` under `kind` and returns it unchanged. */
  plant<V extends string | null>(kind: PiiKind, value: V): V;
  /** Everything planted so far. */
  list(): readonly PlantedPii[];
}

/** A fresh, empty planter. */
export function createPlanter(): Planter {
  const seen = new Set<string>();
  const planted: PlantedPii[] = [];
  return {
    plant(kind, value) {
      if (value !== null && value !== '' && !seen.has(`${kind}\u0000${value}`)) {
        seen.add(`${kind}\u0000${value}`);
        planted.push({ kind, value });
      }
      return value;
    },
    list: () => planted,
  };
}
