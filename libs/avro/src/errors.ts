// Errors of @cwp/avro, on the platform's coded base error.
import { PlatformError, ValidationError } from '@cwp/errors';

/** Codes a SchemaError carries. */
export type SchemaErrorCode =
  | 'SCHEMA_READ_FAILED'
  | 'SCHEMA_INVALID'
  | 'SCHEMA_DUPLICATE_NAME'
  | 'SCHEMA_UNRESOLVED_REFERENCE'
  | 'SCHEMA_UNKNOWN_NAME'
  | 'SUBJECTS_INVALID';

/** The schema files or subjects.json are unreadable, malformed, duplicated or reference unknown types; never retriable. */
export class SchemaError extends PlatformError {
  declare readonly code: SchemaErrorCode;

  constructor(code: SchemaErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** A RawEvent's payload branch is not the one its eventType names (code PAYLOAD_MISMATCH). */
export class PayloadMismatchError extends ValidationError {
  constructor(message: string) {
    super('PAYLOAD_MISMATCH', message);
  }
}
