// Every error the gateway answers with, in one registry: code → HTTP status and the message the
// caller sees. Messages say what was wrong and what to do, never echo a value from the request.
import { PlatformError } from '@cwp/errors';

/** Code → HTTP status, message and whether a retry can succeed. */
export const GATEWAY_ERRORS = {
  AUTH_MISSING: { status: 401, message: 'Send Authorization: Bearer <keyId>.<secret> or a bound client certificate.', retriable: false },
  AUTH_MALFORMED: { status: 401, message: 'The Authorization header must be "Bearer <keyId>.<secret>".', retriable: false },
  AUTH_INVALID: { status: 401, message: 'The credentials were not accepted.', retriable: false },
  SOURCE_REVOKED: { status: 403, message: 'This source has been revoked; ask the platform operators for new credentials.', retriable: false },
  BODY_INVALID: { status: 400, message: 'The body must be a JSON event object or {"events": [...]}.', retriable: false },
  BODY_NOT_JSON: { status: 400, message: 'The body is not valid JSON.', retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send Content-Type: application/json.', retriable: false },
  BODY_TOO_LARGE: { status: 413, message: 'The body exceeds the size limit; send smaller batches.', retriable: false },
  BATCH_TOO_LARGE: { status: 400, message: 'Too many events in one request; split the batch.', retriable: false },
  VALIDATION_FAILED: { status: 400, message: 'The body does not match the event schema; see details for every bad path.', retriable: false },
  EVENT_ID_CONFLICT: { status: 409, message: 'An event with this id but a different body was already accepted; use a new event id for a new event.', retriable: false },
  EVENT_IN_PROGRESS: { status: 409, message: 'An event with this id is being stored by another request; retry after Retry-After seconds.', retriable: true },
  RATE_LIMITED: { status: 429, message: 'Rate limit exceeded for this source; retry after Retry-After seconds.', retriable: true },
  NOT_FOUND: { status: 404, message: 'No such route.', retriable: false },
  KAFKA_UNAVAILABLE: { status: 503, message: 'Events could not be stored (Kafka unavailable); nothing was accepted, retry after Retry-After seconds.', retriable: true },
  STORE_UNAVAILABLE: { status: 503, message: 'A gateway dependency is unavailable; nothing was accepted, retry after Retry-After seconds.', retriable: true },
  INTERNAL: { status: 500, message: 'Internal error; nothing was accepted.', retriable: true },
} as const satisfies Record<string, { status: number; message: string; retriable: boolean }>;

/** One of GATEWAY_ERRORS' codes. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** One problem in a request, by path; never the value. */
export interface ErrorDetail {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** An error answered to the caller as {error: {code, message, details?}} with GATEWAY_ERRORS[code].status. */
export class GatewayError extends PlatformError {
  declare readonly code: GatewayErrorCode;
  readonly status: number;
  readonly details: readonly (ErrorDetail | string)[] | undefined;
  /** Seconds for a Retry-After header (429, 503, in-progress 409). */
  readonly retryAfterS: number | undefined;

  constructor(code: GatewayErrorCode, options: { details?: readonly (ErrorDetail | string)[]; retryAfterS?: number; cause?: unknown; message?: string } = {}) {
    const entry = GATEWAY_ERRORS[code];
    super(code, options.message ?? entry.message, { retriable: entry.retriable, cause: options.cause });
    this.status = entry.status;
    this.details = options.details;
    this.retryAfterS = options.retryAfterS;
  }

  /** The response body. */
  toBody(): { error: { code: string; message: string; details?: readonly (ErrorDetail | string)[] } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}
