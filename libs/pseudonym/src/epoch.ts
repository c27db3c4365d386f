// Pseudonym epochs: the period within which one subject keeps one pseudonym per purpose. After the
// epoch rolls over the key changes, so pseudonyms of different epochs cannot be linked without the
// secret. Epochs are computed in UTC.

/** How long an epoch lasts. */
export const EPOCH_POLICIES = ['quarterly', 'monthly', 'yearly'] as const;

/** One of EPOCH_POLICIES. */
export type EpochPolicy = (typeof EPOCH_POLICIES)[number];

/** Epoch labels: 2026Q4, 2026M11, 2026 — or any custom label of letters, digits and '-'. */
export const EPOCH_PATTERN = /^[0-9A-Za-z-]{1,16}$/;

/** The epoch label of `date` under `policy` (default quarterly): "2026Q4", "2026M11" or "2026". */
export function epochOf(date: Date | number, policy: EpochPolicy = 'quarterly'): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  const year = d.getUTCFullYear();
  if (!Number.isFinite(year)) throw new RangeError('epochOf: invalid date');
  switch (policy) {
    case 'quarterly': return `${year}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    case 'monthly': return `${year}M${d.getUTCMonth() + 1}`;
    case 'yearly': return String(year);
  }
}
