// JSON logs to stdout with pino (pretty printing is a dev concern, piped through pino-pretty by
// the developer). Redaction paths are fixed here at start-up: see redaction.ts.
import pino from 'pino';
import { REDACT_PATHS, REDACTED } from './redaction.js';

/** The logger type every package passes around. */
export type Logger = pino.Logger;

/** Logger options: the service name goes on every line. */
export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  /** Where lines go; stdout by default (tests pass a capture stream). */
  readonly destination?: pino.DestinationStream;
}

/** Creates the process logger; children per stage/partition come from `.child({...})`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous writes: log lines are rare (never per record) and must survive process.exit().
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
