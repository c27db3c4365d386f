// Numbers in free text are written with spaces, dots, dashes and brackets between digit groups.

const NON_DIGIT = /\D+/g;

/** Strips every non-digit character ("3201.0245-1209 0003" → "3201024512090003"); pure, allocation of the result only. */
export function normalizeDigits(text: string): string {
  return text.replace(NON_DIGIT, '');
}
