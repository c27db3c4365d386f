// Graceful stop of an HTTP service (the stages use the runtime's runStage): on SIGTERM or SIGINT,
// close once, exit 0 when closed, exit 1 when closing fails.
import type { Logger } from './logger.js';

/** Installs the signal handlers that close the service with `close` and end the process. */
export function closeOnSignals(close: () => Promise<unknown>, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'shutting down');
      close().then(
        () => { logger.info('stopped'); exit(0); },
        (err: unknown) => { logger.error({ err: { message: (err as Error).message } }, 'shutdown failed'); exit(1); },
      );
    });
  }
}
