// Shared assertions for detector tests.
import { scanText } from '../src/index.js';
import type { PiiType } from '../src/index.js';

/** The matched strings of one type, in order. */
export function matches(text: string, type: PiiType): string[] {
  return scanText(text, { includeMatch: true }).filter((f) => f.type === type).map((f) => f.text ?? '');
}

/** The single finding of `type` in `text`, or undefined. */
export function only(text: string, type: PiiType) {
  const found = scanText(text).filter((f) => f.type === type);
  return found.length === 1 ? found[0] : undefined;
}
