// Budget periods: calendar months in UTC, written 'YYYY-MM'.

/** A period label 'YYYY-MM'. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The UTC month containing `nowMs`. */
export function periodOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}
