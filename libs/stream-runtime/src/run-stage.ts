// Process lifecycle of a stage (ARCHITECTURE.md: "stops on SIGTERM without losing or duplicating
// a record"): start, then on SIGTERM/SIGINT stop fetching, finish and commit the batch in hand,
// disconnect and exit 0; if that takes longer than the shutdown timeout, exit 1.
import type { Stage } from './create-stage.js';

/** How runStage ends the process; injectable for tests. */
export interface RunStageOptions {
  readonly shutdownTimeoutMs: number;
  readonly exit?: (code: number) => void;
  readonly signals?: readonly NodeJS.Signals[];
}

/** Starts `stage` and installs the signal handlers; a start failure exits 1. Returns once started. */
export async function runStage(stage: Stage, options: RunStageOptions): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;
  const shutdown = (reason: string, code: number): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    stage.logger.info({ reason, timeoutMs: options.shutdownTimeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      stage.logger.error({ timeoutMs: options.shutdownTimeoutMs }, 'shutdown timed out: exiting non-zero');
      exit(1);
    }, options.shutdownTimeoutMs);
    stage.stop().then(
      () => { clearTimeout(timer); exit(code); },
      (err: unknown) => { clearTimeout(timer); stage.logger.error({ errorClass: (err as Error | null)?.name }, 'shutdown failed'); exit(1); },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.once(signal, () => shutdown(signal, 0));
  try {
    await stage.start();
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: string } | null;
    // Start-up errors are config, topic/subject or connection problems: their messages carry no record content.
    stage.logger.fatal({ errorClass: e?.name, code: e?.code, error: e?.message }, 'stage failed to start');
    shutdown('start failed', 1);
  }
}
