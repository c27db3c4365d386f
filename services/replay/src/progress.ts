// The progress line on stderr: records done of the planned total and the rate. On a terminal it
// redraws one line; otherwise it prints a line at most every `everyMs`, so logs stay short.

/** Where and how often progress is written. */
export interface ProgressOptions {
  readonly label: string;
  /** Planned total (offsets spanned: an upper bound, transaction markers take offsets too). */
  readonly total: number;
  readonly write: (text: string) => void;
  readonly tty?: boolean;
  readonly everyMs?: number;
  readonly now?: () => number;
}

/** Counts records and reports them. */
export interface Progress {
  add(n: number): void;
  /** Writes the final line. */
  done(): void;
}

/** The text of one progress line. */
export function formatProgress(label: string, done: number, total: number, elapsedMs: number): string {
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const rate = elapsedMs > 0 ? Math.round((done / elapsedMs) * 1000) : 0;
  return `${label}: ${done}/${total} records (${pct}%), ${rate} records/s`;
}

/** Creates a progress reporter. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => Date.now());
  const every = options.everyMs ?? (options.tty ? 200 : 2000);
  const started = now();
  let done = 0;
  let lastWrite = started;
  const line = (): string => formatProgress(options.label, done, options.total, now() - started);
  return {
    add(n) {
      done += n;
      if (now() - lastWrite < every) return;
      lastWrite = now();
      options.write(options.tty ? `\r${line()}` : `${line()}\n`);
    },
    done() {
      options.write(options.tty ? `\r${line()}\n` : `${line()}\n`);
    },
  };
}
