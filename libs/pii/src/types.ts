// Shared vocabulary of the scanner: what a finding is and how a scan is tuned.

/** Every PII category the scanner reports; an `as const` tuple so callers can iterate it. */
export const PII_TYPES = ['NAME', 'NIK', 'PHONE', 'EMAIL', 'ADDRESS', 'DATE_OF_BIRTH', 'MEDICAL_TERM'] as const;

/** One PII category. */
export type PiiType = (typeof PII_TYPES)[number];

/** One detected PII span; `start`/`end` are UTF-16 offsets into the scanned text, `end` exclusive. */
export interface Finding {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
  /** 0..1; context words and validation raise it. */
  readonly confidence: number;
  /** Which rule produced the finding, e.g. `nik-structure`; stable, safe to log. */
  readonly detector: string;
  /** The matched PII itself; present only when `includeMatch` was requested. */
  readonly text?: string;
}

/** Tuning for one scan; every field optional, defaults are the privacy-safe choice. */
export interface ScanOptions {
  /** Copy the matched text into each finding (default false: findings never echo PII). */
  readonly includeMatch?: boolean;
  /** Only run these detectors (default: all types). */
  readonly types?: readonly PiiType[];
  /** Drop findings below this confidence (default 0: report everything). */
  readonly minConfidence?: number;
}

/** A detector appends raw, possibly overlapping candidates to `out`; it must not read options. */
export type Detector = (text: string, out: Finding[]) => void;
