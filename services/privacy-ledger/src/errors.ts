// Every error the ledger answers with, in one registry: code → HTTP status and the message the
// caller sees. Messages say what was wrong and what to do; they never echo tokens.
import { PlatformError } from '@cwp/errors';

/** Code → HTTP status, message, retriable. */
export const LEDGER_ERRORS = {
  AUTH_MISSING: { status: 401, message: 'Send Authorization: Bearer <token>.', retriable: false },
  AUTH_MALFORMED: { status: 401, message: 'The Authorization header must be "Bearer <token>" with a 32–256 character token.', retriable: false },
  AUTH_INVALID: { status: 401, message: 'The credentials were not accepted.', retriable: false },
  FORBIDDEN_ROLE: { status: 403, message: 'This credential\'s role may not do this; changing budgets needs the admin role.', retriable: false },
  BODY_NOT_JSON: { status: 400, message: 'The body is not valid JSON.', retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send Content-Type: application/json.', retriable: false },
  BODY_TOO_LARGE: { status: 413, message: 'The body is too large.', retriable: false },
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid; see details for every bad field.', retriable: false },
  UNKNOWN_BUDGET: { status: 404, message: 'No budget is configured for this stakeholder and dataset; ask an administrator to add it to the budgets file.', retriable: false },
  EPSILON_ABOVE_POLICY: { status: 400, message: 'The requested epsilon exceeds the per-release epsilon of this dataset\'s category; request at most that much.', retriable: false },
  BUDGET_EXHAUSTED: { status: 409, message: 'The privacy budget of this stakeholder and dataset for the period cannot cover this reservation; nothing was reserved.', retriable: false },
  RESERVATION_CONFLICT: { status: 409, message: 'This reservation id was already used with different parameters; derive a new id for a new release.', retriable: false },
  RESERVATION_NOT_FOUND: { status: 404, message: 'No reservation with this id.', retriable: false },
  RESERVATION_STATE: { status: 409, message: 'The reservation is not in a state that allows this.', retriable: false },
  NOT_FOUND: { status: 404, message: 'No such route.', retriable: false },
  STORE_UNAVAILABLE: { status: 503, message: 'The ledger database is unavailable; nothing was changed, retry later.', retriable: true },
  INTERNAL: { status: 500, message: 'Internal error.', retriable: true },
} as const satisfies Record<string, { status: number; message: string; retriable: boolean }>;

/** One of LEDGER_ERRORS' codes. */
export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

/** An error answered as {error: {code, message, details?}, ...extra}. */
export class LedgerError extends PlatformError {
  declare readonly code: LedgerErrorCode;
  readonly status: number;
  readonly details: readonly string[] | undefined;
  /** Extra top-level fields of the body (e.g. what remains). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: LedgerErrorCode, options: { details?: readonly string[]; message?: string; extra?: Record<string, unknown>; cause?: unknown } = {}) {
    const entry = LEDGER_ERRORS[code];
    super(code, options.message ?? entry.message, { retriable: entry.retriable, cause: options.cause });
    this.status = entry.status;
    this.details = options.details;
    this.extra = options.extra ?? {};
  }

  /** The response body. */
  toBody(): Record<string, unknown> {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) }, ...this.extra };
  }
}
