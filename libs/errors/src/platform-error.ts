// One coded base error for the platform (after kafkajs' src/errors.js): every error carries a
// stable `code`, and a `retriable` flag that retry loops read instead of guessing from messages.

/** Options shared by every platform error. */
export interface PlatformErrorOptions {
  readonly cause?: unknown;
  readonly retriable?: boolean;
}

/** Base of every error the platform raises on purpose; `code` is stable, `message` says what to do. */
export class PlatformError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** Configuration is missing or invalid: the process cannot start. */
export class ConfigError extends PlatformError {
  constructor(message: string, options: PlatformErrorOptions = {}) {
    super('CONFIG_INVALID', message, { ...options, retriable: false });
  }
}

/** Bytes could not be decoded into a record (bad framing, unknown schema id, corrupt Avro). */
export class DecodeError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** A decoded record breaks a rule of its contract. */
export class ValidationError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** A dependency (broker, registry, PostgreSQL, Redis, ledger) failed transiently: retry, never dead-letter. */
export class DependencyError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, { ...options, retriable: true });
  }
}

/** The caller is not allowed to do this. */
export class AuthorizationError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** True when `err` is a platform error marked retriable. */
export function isRetriable(err: unknown): boolean {
  return err instanceof PlatformError && err.retriable;
}
