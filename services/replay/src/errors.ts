// The replay CLI's own failure kinds on top of the platform's coded errors. The CLI maps them to
// exit codes in one place: usage/config 2, not authorised 3, anything else 1.
import { PlatformError } from '@cwp/errors';
import type { PlatformErrorOptions } from '@cwp/errors';

/** The command line is wrong (missing or contradictory options): exit 2, nothing was read. */
export class UsageError extends PlatformError {
  constructor(message: string, options: PlatformErrorOptions = {}) {
    super('REPLAY_USAGE', message, { ...options, retriable: false });
  }
}

/** The replay started but could not finish (timeout, broker, registry, a transform retry budget). */
export class ReplayError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, options);
  }
}
